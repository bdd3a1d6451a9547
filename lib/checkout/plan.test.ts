import { describe, expect, it } from 'vitest'
import { formatMinor } from '@/lib/storefront/money'
import { describePlan, firstInstalment, paymentPlanOf } from './plan'

describe('the plan a checkout receipt records', () => {
  it('reads count and interest from attrs and splits the receipt amount exactly, remainder first', () => {
    const plan = paymentPlanOf({ installmentCount: 6, monthlyAmount: '118.33', interestAmount: '60.12', maskedCardNumber: '411111******1111' }, '710.02')
    expect(plan).toEqual({ count: 6, monthly: 11833n, first: 11837n, interest: 6012n, total: 71002n })
    expect(plan!.first + plan!.monthly * 5n).toBe(plan!.total)
    expect(describePlan(plan!, formatMinor)).toBe('6 installments: 118.37 + 5 × 118.33 · interest 60.12 · total 710.02')
  })

  it('says a single payment or an even split plainly', () => {
    expect(describePlan(paymentPlanOf({ installmentCount: 1 }, '527.90')!, formatMinor)).toBe('Single payment · total 527.90')
    expect(describePlan(paymentPlanOf({ installmentCount: 3, interestAmount: '0.30' }, '300.30')!, formatMinor)).toBe('3 installments: 3 × 100.10 · interest 0.30 · total 300.30')
  })

  it('ignores attrs that are not a checkout’s', () => {
    for (const attrs of [null, {}, [], { installmentCount: '6' }, { installmentCount: 0 }, { installmentCount: 2.5 }, { installmentCount: 6, interestAmount: 'x' }, { installmentCount: 6, interestAmount: '999.00' }])
      expect(paymentPlanOf(attrs, '710.02')).toBeNull()
  })
})

it('the first instalment of a plan the card endpoint gives (total and regular instalment)', () => {
  expect(firstInstalment('710.02', '118.33', 6)).toBe('118.37')
  expect(firstInstalment('300.30', '100.10', 3)).toBe('100.10')
  expect(firstInstalment('527.90', '527.90', 1)).toBe('527.90')
})
