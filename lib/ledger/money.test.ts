import { describe, expect, it } from 'vitest'
import { decimalToMinor, exactJson, formatMoney, minorToDecimal, minorToJsonNumber, money, toMinor } from './money'

describe('money', () => {
  it('reads JSON numbers and strings exactly, refusing more than two decimals', () => {
    expect(toMinor(50.0)).toBe(5000)
    expect(toMinor(0.1)).toBe(10)
    expect(toMinor(19.99)).toBe(1999)
    expect(toMinor('10.5')).toBe(1050)
    expect(toMinor(0.001)).toBeNull()
    expect(toMinor(1e21)).toBeNull()
    expect(toMinor(-1)).toBeNull()
    expect(toMinor('abc')).toBeNull()
    expect(toMinor(true)).toBeNull()
  })
  it('writes numbers as the spec prints them', () => {
    expect(minorToJsonNumber(5000)).toBe('50.0')
    expect(minorToJsonNumber(1250)).toBe('12.5')
    expect(minorToJsonNumber(1234)).toBe('12.34')
    expect(minorToDecimal(5)).toBe('0.05')
    expect(decimalToMinor('100.00')).toBe(10000)
    expect(decimalToMinor('7')).toBe(700)
    expect([decimalToMinor('-12.5'), decimalToMinor('0.05'), decimalToMinor('-0.07'), decimalToMinor('999999999999.99'), decimalToMinor('3.')]).toEqual([-1250, 5, -7, 99999999999999, 300])
    expect(exactJson({ amount: money(5000), list: [money(1)], none: null })).toBe('{"amount":50.0,"list":[0.01],"none":null}')
    expect(exactJson({ refund: money(-1250), nested: { at: '2026-11-30', skip: undefined, n: [money(99999999999999)] } })).toBe(
      '{"refund":-12.5,"nested":{"at":"2026-11-30","n":[999999999999.99]}}',
    )
    expect(exactJson(money(7))).toBe('0.07')
    expect(exactJson(undefined)).toBe('null')
    // A client's text that looks like a marked number stays a string: it cannot know this process's mark.
    expect(exactJson({ echoed: '\u00001\u0000', quote: '"50.0"' })).toBe(JSON.stringify({ echoed: '\u00001\u0000', quote: '"50.0"' }))
    expect(formatMoney(123456789)).toBe('1,234,567.89')
  })
})
