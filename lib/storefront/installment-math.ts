import { formatMinor, rateMicros, toMinor } from './money'

/**
 * Installment maths (DESIGN.md "Installments (storefront)"), pure and exact: for an amount A and a rate r
 * (percent), total = A × (1 + r/100) rounded half up to the kuruş; the regular instalment is total / n
 * rounded down to the kuruş and the remainder (< n kuruş) goes on the first instalment, so a plan always
 * adds up exactly to its total and no instalment is ever negative (decision 017).
 */
const HUNDRED_PERCENT = 100_000_000n // 100 % in millionths of a percent

/** a / b rounded half up (away from zero for halves), for b > 0. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  if (a >= 0n) return (2n * a + b) / (2n * b)
  return -((2n * -a + b) / (2n * b))
}

export function planTotalMinor(amountMinor: bigint, rateMicrosOfPercent: bigint): bigint {
  const total = divideHalfUp(amountMinor * (HUNDRED_PERCENT + rateMicrosOfPercent), HUNDRED_PERCENT)
  return total < 0n ? 0n : total
}

/** The n instalments of a total: the first carries the rounding remainder. */
export function monthlyAmountsMinor(totalMinor: bigint, count: number): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('installment count must be a positive integer')
  const n = BigInt(count)
  const regular = totalMinor / n
  const first = totalMinor - regular * (n - 1n)
  return [first, ...Array.from({ length: count - 1 }, () => regular)]
}

export interface PlanAmounts {
  /** price_with_accrued_interest */
  total: string
  /** monthly_price_with_accrued_interest: the regular instalment */
  monthly: string
  /** The first instalment (regular + remainder). */
  first: string
}

/** Decimal strings in, decimal strings out: what the card endpoints show for one installment. */
export function planAmounts(amount: string, interestRate: string, count: number): PlanAmounts {
  const total = planTotalMinor(toMinor(amount), rateMicros(interestRate))
  const [first, regular = first] = monthlyAmountsMinor(total, count)
  return { total: formatMinor(total), monthly: formatMinor(regular), first: formatMinor(first) }
}
