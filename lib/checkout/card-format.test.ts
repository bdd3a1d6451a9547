import { describe, expect, it } from 'vitest'
import { luhnValid } from '@/lib/gateways/card-number'
import { binOf, cardDigits, formatCardNumber, luhnOk } from './card-format'

describe('checkout card helpers', () => {
  it('formats in groups of four as typed', () => {
    expect(formatCardNumber('4111')).toBe('4111')
    expect(formatCardNumber('41111')).toBe('4111 1')
    expect(formatCardNumber('4111-1111 1111 1111')).toBe('4111 1111 1111 1111')
    expect(cardDigits('4111 1111 1111 1111 9999')).toHaveLength(19)
  })

  it('agrees with the gateway’s Luhn check on the test cards and their neighbours', () => {
    for (const number of ['4111111111111111', '5555555555554444', '4000000000000002', '4111111111111112', '5555555555554443', '123456789012'])
      expect(luhnOk(number)).toBe(luhnValid(number))
  })

  it('asks about 6 digits, then 8', () => {
    expect(binOf('41111')).toBeNull()
    expect(binOf('411111')).toBe('411111')
    expect(binOf('4111111')).toBe('411111')
    expect(binOf('41111111')).toBe('41111111')
  })
})
