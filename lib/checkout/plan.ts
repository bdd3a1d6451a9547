import { monthlyAmountsMinor } from '@/lib/storefront/installment-math'
import { formatMinor, parseMinor, toMinor } from '@/lib/storefront/money'

/**
 * The installment plan a checkout receipt records in its `attrs` (lib/checkout/pay.ts), read back by
 * every page that shows the order's payment, so they all say the same thing to the kuruş. Amounts are
 * minor units; the total is the receipt's amount (what was charged) and the instalments follow the
 * storefront's rule (the rounding remainder on the first). Null when the attrs are not a checkout's
 * (a payment recorded by hand, an OM client's own attrs).
 */
export interface PaymentPlan {
  count: number
  /** The regular instalment. */
  monthly: bigint
  /** The first instalment (the regular one plus the rounding remainder). */
  first: bigint
  interest: bigint
  total: bigint
}

export function paymentPlanOf(attrs: unknown, amount: string): PaymentPlan | null {
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return null
  const recorded = attrs as Record<string, unknown>
  const count = recorded.installmentCount
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 36) return null
  const total = parseMinor(amount)
  const interest = parseMinor(recorded.interestAmount ?? '0')
  if (total === null || interest === null || interest < 0n || interest > total) return null
  const [first, monthly = first] = monthlyAmountsMinor(total, count)
  return { count, monthly, first, interest, total }
}

/** The first instalment of a plan whose total and regular instalment are known (decimal texts). */
export function firstInstalment(total: string, monthly: string, count: number): string {
  return formatMinor(toMinor(total) - toMinor(monthly) * BigInt(count - 1))
}

/** "6 installments: 118.37 + 5 × 118.33 · interest 60.12 · total 710.02" (amounts formatted by the caller). */
export function describePlan(plan: PaymentPlan, format: (minor: bigint) => string): string {
  if (plan.count === 1) return `Single payment · total ${format(plan.total)}`
  const instalments = plan.first === plan.monthly ? `${plan.count} × ${format(plan.monthly)}` : `${format(plan.first)} + ${plan.count - 1} × ${format(plan.monthly)}`
  return `${plan.count} installments: ${instalments} · interest ${format(plan.interest)} · total ${format(plan.total)}`
}
