import { describe, expect, it } from 'vitest'
import { IBAN_LENGTHS, isValidIban, normalizeIban } from './iban'

describe('IBAN', () => {
  it.each([
    'TR330006100519786457841326',
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'NO9386011117947',
    'BE68539007547034',
    'CH9300762011623852957',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true)
  })

  it.each([
    ['wrong check digits', 'TR340006100519786457841326'],
    ['one digit changed', 'TR330006100519786457841327'],
    ['too short for TR', 'TR33000610051978645784132'],
    ['too long for TR', 'TR3300061005197864578413261'],
    ['unknown country', 'XX330006100519786457841326'],
    ['the spec placeholder', 'TR00000000000'],
    ['lower case (not normalized)', 'tr330006100519786457841326'],
    ['punctuation', 'TR33-0006-1005-1978-6457-8413-26'],
    ['empty', ''],
  ])('refuses %s', (_reason, iban) => {
    expect(isValidIban(iban)).toBe(false)
  })

  it('normalizes spaces and case to the stored form', () => {
    expect(normalizeIban(' tr33 0006 1005 1978 6457 8413 26 ')).toBe('TR330006100519786457841326')
    expect(isValidIban(normalizeIban('gb82 west 1234 5698 7654 32'))).toBe(true)
  })

  it('knows the Turkish length and only plausible lengths', () => {
    expect(IBAN_LENGTHS.TR).toBe(26)
    for (const length of Object.values(IBAN_LENGTHS)) {
      expect(length).toBeGreaterThanOrEqual(15)
      expect(length).toBeLessThanOrEqual(34)
    }
  })
})
