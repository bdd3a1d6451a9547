import { describe, expect, it } from 'vitest'
import { findCardData } from './card-leaks'

// The check the PostgreSQL e2e teardown runs on a pg_dump and the server log (decision 021).
const typed = { numbers: ['4111 1111 1111 1111', '5555 5555 5555 4444'], cvv: '9173' }
const found = (text: string) => findCardData(text, typed).map((leak) => leak.what)

describe('finding card data written in clear', () => {
  it('finds the typed numbers bare or grouped, and other Luhn-valid card-like runs', () => {
    expect(found('{"number":"4111111111111111"}')).toEqual(['card number 411111…1111', 'a Luhn-valid 16-digit run'])
    expect(found('card 5555-5555-5555-4444 x')).toEqual(['card number 555555…4444', 'a Luhn-valid 16-digit run'])
    expect(found('INSERT … 6011000990139424\t')).toEqual(['a Luhn-valid 16-digit run'])
  })

  it('finds the CVV beside a key naming it or alone in a field', () => {
    expect(found('{"cvv":"9173"}')).toHaveLength(2)
    expect(found('security code: 9173')).toEqual(['the CVV'])
    expect(found('42\t9173\tAyse')).toEqual(['the CVV'])
  })

  it('does not read masked numbers, hashes, epoch milliseconds or the CVV’s digits inside other numbers as leaks', () => {
    expect(found('411111******1111 555555******4444 {"number":"555555******4444"}')).toEqual([])
    expect(found('1764490000000 took 9173ms id=19173 amount 9173.50 f3a94111111111111112ab')).toEqual([])
  })
})
