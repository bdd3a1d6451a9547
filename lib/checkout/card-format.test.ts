import { describe, expect, it } from 'vitest'
import { luhnValid } from '@/lib/gateways/card-number'
import { binOf, cardDigits, formatCardNumber } from './card-format'

describe('checkout card helpers', () => {
  it('formats in groups of four as typed', () => {
    expect(formatCardNumber('4111')).toBe('4111')
    expect(formatCardNumber('41111')).toBe('4111 1')
    expect(formatCardNumber('4111-1111 1111 1111')).toBe('4111 1111 1111 1111')
    expect(cardDigits('4111 1111 1111 1111 9999')).toHaveLength(19)
  })

  it('checks the Luhn digit (ISO/IEC 7812) of the test cards and refuses their neighbours', () => {
    for (const number of ['4111111111111111', '5555555555554444', '4000000000000002', '6011000990139424']) expect(luhnValid(number)).toBe(true)
    for (const number of ['4111111111111112', '5555555555554443', '123456789012', '41111111111', '4111a11111111111']) expect(luhnValid(number)).toBe(false)
  })

  it('asks about 6 digits, then 8', () => {
    expect(binOf('41111')).toBeNull()
    expect(binOf('411111')).toBe('411111')
    expect(binOf('4111111')).toBe('411111')
    expect(binOf('41111111')).toBe('41111111')
  })
})
