import { describe, expect, it } from 'vitest'
import { LedgerValidationError } from './errors'
import { parseDateTime, parsePaymentFilters } from './filters'

describe('ledger filters', () => {
  it('reads the spec example query', () => {
    const filters = parsePaymentFilters(
      new URLSearchParams('payment_id=TEST&payment_method=credit_card&status=settled&amount_gte=50.0&amount_lte=500.0&created_at_gte=2020-01-01T00:00:00&created_at_lte=2021-01-01T00:00:00&settled_at_gte=2020-01-01T00:00:00&settled_at_lte=2021-01-01T00:00:00'),
    )
    expect(filters).toEqual({
      payment_id: 'TEST',
      payment_method: 'credit_card',
      status: 'settled',
      amount_gte: '50.0',
      amount_lte: '500.0',
      created_at_gte: '2020-01-01T00:00:00+00:00',
      created_at_lte: '2021-01-01T00:00:00+00:00',
      settled_at_gte: '2020-01-01T00:00:00+00:00',
      settled_at_lte: '2021-01-01T00:00:00+00:00',
    })
  })
  it('names every bad parameter at once', () => {
    try {
      parsePaymentFilters(new URLSearchParams('status=paid&amount_gte=x&created_at_lte=2021-02-30'))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerValidationError)
      expect(Object.keys((error as LedgerValidationError).fields).sort()).toEqual(['amount_gte', 'created_at_lte', 'status'])
    }
  })
  it('takes dates, zones and fractions; a date without a zone is UTC', () => {
    expect(parseDateTime('2021-01-01')).toBe('2021-01-01T00:00:00+00:00')
    expect(parseDateTime('2021-01-01T10:20:30.123Z')).toBe('2021-01-01T10:20:30.123+00:00')
    expect(parseDateTime('2021-01-01T10:20+0300')).toBe('2021-01-01T10:20:00+03:00')
    expect(parseDateTime('2021-02-29')).toBeNull()
    expect(parseDateTime('2021-01-01T24:00:00')).toBeNull()
  })
})
