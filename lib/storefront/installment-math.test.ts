import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { monthlyAmountsMinor, planAmounts, planTotalMinor } from './installment-math'
import { formatMinor, rateMicros, toMinor } from './money'

describe('installment maths', () => {
  it('rounds the total half up to the kuruş and puts the remainder on the first instalment', () => {
    expect(planAmounts('100.00', '0.000000', 3)).toEqual({ total: '100.00', monthly: '33.33', first: '33.34' })
    // 99.99 × 1.0199 = 101.979801 → 101.98
    expect(planAmounts('99.99', '1.990000', 2)).toEqual({ total: '101.98', monthly: '50.99', first: '50.99' })
    // 0.05 × 1.1 = 0.055 → half up → 0.06
    expect(planAmounts('0.05', '10.000000', 1)).toEqual({ total: '0.06', monthly: '0.06', first: '0.06' })
    expect(planAmounts('1000.00', '21.890000', 12)).toEqual({ total: '1218.90', monthly: '101.57', first: '101.63' })
    expect(planAmounts('0.06', '0.000000', 12)).toEqual({ total: '0.06', monthly: '0.00', first: '0.06' })
  })

  it('parses and formats amounts exactly', () => {
    expect(toMinor('1499.9')).toBe(149990n)
    expect(toMinor('0.01')).toBe(1n)
    expect(() => toMinor('1.001')).toThrow()
    expect(toMinor('2.500000')).toBe(250n)
    expect(formatMinor(5n)).toBe('0.05')
    expect(rateMicros('2.19')).toBe(2_190_000n)
  })

  it('property: every plan adds up exactly to its total, with no negative instalment', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        fc.bigInt({ min: 0n, max: 200_000_000n }),
        fc.integer({ min: 1, max: 99 }),
        (amount, rate, count) => {
          const total = planTotalMinor(amount, rate)
          const months = monthlyAmountsMinor(total, count)
          expect(months).toHaveLength(count)
          expect(months.reduce((sum, month) => sum + month, 0n)).toBe(total)
          expect(months.every((month) => month >= 0n)).toBe(true)
          // The first carries less than n kuruş more than the others.
          expect(months[0] - months[months.length - 1]).toBeLessThan(BigInt(count))
          // The decimal-string API agrees with the minor-unit maths.
          const rateText = `${rate / 1_000_000n}.${String(rate % 1_000_000n).padStart(6, '0')}`
          const plan = planAmounts(formatMinor(amount), rateText, count)
          expect(toMinor(plan.total)).toBe(total)
          expect(toMinor(plan.first) + toMinor(plan.monthly) * BigInt(count - 1)).toBe(total)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
