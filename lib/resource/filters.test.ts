import { describe, expect, it } from 'vitest'
import { buildCondition, dateFilter } from './filters'

const check = (value: string, lookup: 'exact' | 'date' | 'gt' = 'exact') => {
  const result = buildCondition(dateFilter('modified_date'), lookup, value)
  return typeof result === 'function' ? 'ok' : result.error
}

describe('date filters', () => {
  it('accept real dates and times', () => {
    for (const value of ['2024-02-29', '2026-12-31', '2026-11-23T10:00:00Z', '2026-11-23 23:59:59.123456+03:00', '2026-11-23T10:00'])
      expect(check(value), value).toBe('ok')
  })

  it('refuse dates that do not exist instead of rolling them over', () => {
    for (const value of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-11-23T24:00:00Z', '2026-11-23T10:60:00Z', '2026-11-23T10:00:61Z', 'yesterday', '2026-1-1'])
      expect(check(value, 'date'), value).toBe('Enter a valid date.')
  })
})
