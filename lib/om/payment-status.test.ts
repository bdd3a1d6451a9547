import { describe, expect, it } from 'vitest'
import { paymentStatusOf } from './orders'
import { allowedActions } from './serialize'

describe('order payment state', () => {
  it('derives paymentStatus from exact minor units', () => {
    expect(paymentStatusOf(10000, 0, 0)).toBe('not_paid')
    expect(paymentStatusOf(10000, 9999, 0)).toBe('partially_paid')
    expect(paymentStatusOf(10000, 10000, 0)).toBe('paid')
    expect(paymentStatusOf(10000, 10001, 0)).toBe('overpaid')
    expect(paymentStatusOf(10000, 10000, 1)).toBe('partially_refunded')
    expect(paymentStatusOf(10000, 10000, 10000)).toBe('refunded')
  })
  it('lists what a payment may do next', () => {
    expect(allowedActions({ status: 'pending', type: 'receipt', custom: false, amount: '5.00' }, 0)).toEqual(['confirm', 'update', 'delete'])
    expect(allowedActions({ status: 'complete', type: 'receipt', custom: false, amount: '5.00' }, 0)).toEqual(['refund'])
    expect(allowedActions({ status: 'complete', type: 'receipt', custom: true, amount: '5.00' }, 0)).toEqual(['refund', 'delete'])
    expect(allowedActions({ status: 'complete', type: 'receipt', custom: true, amount: '5.00' }, 500)).toEqual([])
    expect(allowedActions({ status: 'complete', type: 'refund', custom: true, amount: '5.00' }, 0)).toEqual(['delete'])
    expect(allowedActions({ status: 'reversed', type: 'receipt', custom: false, amount: '5.00' }, 0)).toEqual([])
  })
})
