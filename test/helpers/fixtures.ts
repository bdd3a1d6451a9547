import { expect } from 'vitest'
import { api, CHANNEL, uid } from './api'

/**
 * Records tests build on, made through the API like a merchant would (each test makes its own).
 * Every helper fails the test at once if the API refuses, so a broken fixture never hides as a later 4xx.
 */
async function created(path: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await api('POST', path, body)
  expect(response.status, `POST ${path} ${JSON.stringify(response.body)}`).toBe(201)
  return response.body
}

/** A DummyPay POS (the spec's own example gateway). */
export function createPos(channel = CHANNEL) {
  return created('/api/v1/pos/', {
    name: uid('Dummy POS'),
    slug: uid('dummy-pos'),
    gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
    config: { three_d_enabled: false, fail_on_void: false, fail_on_refund: false, auth: {} },
    resource_url: 'https://dummypay.net/',
    channel,
  })
}

export function createBank(channel = CHANNEL) {
  return created('/api/v1/banks/', { name: uid('Bank'), slug: uid('bank'), channel })
}

export function createCardType(channel = CHANNEL) {
  return created('/api/v1/card_types/', { name: uid('Type'), slug: uid('type'), channel })
}

/** A card with its own bank, card type and POS unless given. */
export async function createCard(channel = CHANNEL, overrides: Record<string, unknown> = {}) {
  const needs = (key: string) => !(key in overrides)
  const [bank, cardType, pos] = await Promise.all([
    needs('bank') ? createBank(channel) : undefined,
    needs('card_type') ? createCardType(channel) : undefined,
    needs('cash_payment') || needs('installment_payment') ? createPos(channel) : undefined,
  ])
  return created('/api/v1/cards/', {
    name: uid('Card'),
    slug: uid('card'),
    bank: bank?.pk,
    card_type: cardType?.pk,
    card_payment_type: 'credit',
    cash_payment: pos?.pk,
    installment_payment: pos?.pk,
    channel,
    ...overrides,
  })
}

/** Mod-97 remainder of a digit-and-letter string, as ISO 7064 computes it. */
function mod97(text: string): number {
  const digits = [...text].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('')
  return Number(BigInt(digits) % 97n)
}

let ibanCounter = 0
/** A valid Turkish IBAN (26 characters) that no other test uses. */
export function makeIban(): string {
  ibanCounter += 1
  // 13 digits of time and 3 of counter: distinct within a run, and every run has its own database.
  const seed = `${Date.now()}${String(ibanCounter % 1000).padStart(3, '0')}`
  const bban = `000610${seed}`
  const check = 98 - mod97(`${bban}TR00`)
  return `TR${String(check).padStart(2, '0')}${bban}`
}

/** An IBAN written the way people type it: lower case, in groups of four. */
export function spaced(iban: string): string {
  return iban.toLowerCase().replace(/(.{4})/g, '$1 ').trim()
}

/** Today's UTC date, for `modified_date__date`. */
export const today = () => new Date().toISOString().slice(0, 10)

/**
 * BIN numbers no other test of the run uses. BINs are unique per channel and the test files share one
 * database, so each file takes its own slice (`file`, 0–9) of a range the demo data never touches: demo
 * BINs start with 2–9, these with 1. A slice holds 10,000 six-digit and 1,000,000 eight-digit BINs.
 */
export function binAllocator(file: number) {
  let six = 0
  let eight = 0
  const take = (count: number, length: 6 | 8) => {
    const capacity = length === 6 ? 10_000 : 1_000_000
    const start = length === 6 ? six : eight
    if (start + count > capacity) throw new Error(`BIN slice ${file} has no ${count} more ${length}-digit BINs`)
    if (length === 6) six += count
    else eight += count
    return Array.from({ length: count }, (_, index) => `1${file}${String(start + index).padStart(length - 2, '0')}`)
  }
  return { six: (count = 1) => take(count, 6), eight: (count = 1) => take(count, 8) }
}
