import { describe, expect, it } from 'vitest'
import * as f from './fields'
import { formatDecimal, isoMicro } from './serialize'

describe('field parsers speak DRF', () => {
  it('strings: blank, length, coercion', () => {
    const name = f.string({ label: 'Name', maxLength: 5 })
    expect(name.parse!('  ')).toEqual({ ok: false, message: 'This field may not be blank.' })
    expect(name.parse!('abcdef')).toEqual({ ok: false, message: 'Ensure this field has no more than 5 characters.' })
    expect(name.parse!(null)).toEqual({ ok: false, message: 'This field may not be null.' })
    expect(name.parse!({})).toEqual({ ok: false, message: 'Not a valid string.' })
    expect(name.parse!(' ab ')).toEqual({ ok: true, value: 'ab' })
  })

  it('urls, integers, booleans, choices, references', () => {
    expect(f.url({ label: 'Logo' }).parse!('javascript:alert(1)')).toEqual({ ok: false, message: 'Enter a valid URL.' })
    expect(f.url({ label: 'Logo' }).parse!('https://example.com/a.png')).toEqual({ ok: true, value: 'https://example.com/a.png' })
    expect(f.integer({ label: 'Sort', min: 0 }).parse!('7')).toEqual({ ok: true, value: 7 })
    expect(f.integer({ label: 'Sort', min: 0 }).parse!(1.5)).toEqual({ ok: false, message: 'A valid integer is required.' })
    expect(f.integer({ label: 'Sort', min: 0 }).parse!(-1)).toEqual({ ok: false, message: 'Ensure this value is greater than or equal to 0.' })
    expect(f.boolean({ label: 'Active' }).parse!('maybe')).toEqual({ ok: false, message: 'Must be a valid boolean.' })
    expect(f.boolean({ label: 'Active' }).parse!('false')).toEqual({ ok: true, value: false })
    expect(f.choice({ label: 'Type', choices: [{ value: 'credit', display_name: 'Credit' }] }).parse!('x')).toEqual({ ok: false, message: '"x" is not a valid choice.' })
    expect(f.reference({ label: 'Bank', table: 'banks' }).parse!('abc')).toEqual({ ok: false, message: 'Incorrect type. Expected pk value, received str.' })
    expect(f.reference({ label: 'Bank', table: 'banks' }).parse!(-1)).toEqual({ ok: false, message: 'Invalid pk "-1" - object does not exist.' })
    expect(f.reference({ label: 'Bank', table: 'banks' }).parse!(0)).toEqual({ ok: false, message: 'Invalid pk "0" - object does not exist.' })
    expect(f.reference({ label: 'Bank', table: 'banks' }).parse!(1.5)).toEqual({ ok: false, message: 'Incorrect type. Expected pk value, received float.' })
  })

  it('decimals stay exact text', () => {
    const rate = f.decimal({ label: 'Rate', maxDigits: 12, decimalPlaces: 6 })
    expect(rate.parse!('1.25')).toEqual({ ok: true, value: '1.25' })
    expect(rate.parse!(0.1)).toEqual({ ok: true, value: '0.1' })
    expect(rate.parse!('1.1234567')).toEqual({ ok: false, message: 'Ensure that there are no more than 6 decimal places.' })
    expect(rate.parse!('1234567.1')).toEqual({ ok: false, message: 'Ensure that there are no more than 6 digits before the decimal point.' })
    expect(rate.parse!('1e5')).toEqual({ ok: false, message: 'A valid number is required.' })
    expect(formatDecimal('1.5', 6)).toBe('1.500000')
    expect(formatDecimal('-0.1234567', 6)).toBe('-0.123456')
  })

  it('json objects', () => {
    const config = f.jsonObject({ label: 'Config', default: {} })
    expect(config.parse!([])).toEqual({ ok: false, message: 'Expected a dictionary of items but got type "list".' })
    expect(config.parse!('{"a":1}')).toEqual({ ok: true, value: { a: 1 } })
  })
})

describe('isoMicro', () => {
  it('prints Postgres timestamps as DRF does', () => {
    expect(isoMicro('2023-01-13 11:08:43.792169+00')).toBe('2023-01-13T11:08:43.792169Z')
    expect(isoMicro('2023-01-13 11:08:43.79+00')).toBe('2023-01-13T11:08:43.790000Z')
    expect(isoMicro('2023-01-13 11:08:43+00')).toBe('2023-01-13T11:08:43.000000Z')
    expect(isoMicro(null)).toBeNull()
  })
})
