import { luhnValid } from '@/lib/gateways/card-number'

/**
 * Finds card data written in clear (PCI DSS 3.3.1, 3.4.1): the full numbers and the CVV a test typed,
 * and any Luhn-valid 13–19 digit run that looks like a card (a card-network first digit, alone or in
 * groups of four). Hex and base64 (hashes, ciphertext, ids) are not read as card numbers: a run must not
 * touch other letters or digits.
 */
const RUN = /(?<![0-9A-Za-z])[2-6](?:\d[ -]?){11,17}\d(?![0-9A-Za-z])/g

export interface Leak {
  what: string
  /** Up to 40 characters either side, the finding itself masked. */
  context: string
}

function around(text: string, index: number, length: number): string {
  return `${text.slice(Math.max(0, index - 40), index)}[…]${text.slice(index + length, index + length + 40)}`.replace(/\s+/g, ' ')
}

export function findCardData(text: string, typed: { numbers: string[]; cvv: string }): Leak[] {
  const leaks: Leak[] = []
  for (const number of typed.numbers) {
    const digits = number.replace(/\D/g, '')
    // The number as typed, bare, or grouped with spaces or dashes.
    const pattern = new RegExp(digits.split('').join('[ -]?'), 'g')
    for (const match of text.matchAll(pattern)) leaks.push({ what: `card number ${digits.slice(0, 6)}…${digits.slice(-4)}`, context: around(text, match.index, match[0].length) })
  }
  for (const match of text.matchAll(RUN)) {
    const digits = match[0].replace(/\D/g, '')
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) leaks.push({ what: `a Luhn-valid ${digits.length}-digit run`, context: around(text, match.index, match[0].length) })
  }
  // The CVV beside a key that names it, or alone in a field (a dump's tab-separated column, a JSON value).
  const cvv = typed.cvv
  const named = new RegExp(`(cvv|cvc|csc|cvn|security.?code)\\W{0,8}${cvv}(?!\\d)`, 'gi')
  const alone = new RegExp(`(?:\\t|^|"|=)${cvv}(?=\\t|$|"|&|\\s)`, 'gm')
  for (const pattern of [named, alone]) for (const match of text.matchAll(pattern)) leaks.push({ what: 'the CVV', context: around(text, match.index, match[0].length) })
  return leaks
}
