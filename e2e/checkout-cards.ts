/**
 * The card data the checkout spec types (DESIGN.md "Demo data and test cards"), shared with the
 * PostgreSQL teardown that proves none of it was kept in clear (e2e/postgres.teardown.ts).
 */
export const CARDS = {
  /** BIN 411111: installments, and a 3-D Secure POS. */
  visa3d: '4111 1111 1111 1111',
  /** BIN 555555: installments, no 3-D Secure. */
  mastercard: '5555 5555 5555 4444',
  /** Declined by DummyPay; its BIN belongs to no card (one instalment through the default POS). */
  declined: '4000 0000 0000 0002',
} as const

/** Four digits (the form takes 3 or 4) so that finding it in a database dump is not a coincidence. */
export const CVV = '9173'

export const HOLDER = 'Ayse Yilmaz'
export const EXPIRY = { month: '12', year: '2031' }
