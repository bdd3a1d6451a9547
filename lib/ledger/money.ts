/**
 * Money as integer minor units (kuruş, cents) in code and numeric(14,2) in SQL; never a float in
 * arithmetic. JSON numbers are read through their decimal text and written from exact decimal text.
 */

/** The largest amount numeric(14,2) holds, in minor units (well inside Number's exact integers). */
export const MAX_MINOR = 999_999_999_999_99

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,2}))?$/

/**
 * A JSON number or a decimal string with at most two decimals → minor units; null when it is not one.
 * `String(n)` of a JSON number is the shortest text that reads back as n, so 50.1 stays "50.1"
 * (no binary-float surprise) and 1e21 or 0.001 are refused rather than rounded.
 */
export function toMinor(value: unknown): number | null {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    text = String(value)
  } else if (typeof value === 'string') text = value.trim()
  else return null
  const match = DECIMAL.exec(text)
  if (!match) return null
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return minor <= MAX_MINOR ? minor : null
}

/** numeric text from the database ("50.00", "7") → minor units. */
export function decimalToMinor(text: string): number {
  // (Index arithmetic, no regex or split: a ledger list converts every amount it shows.)
  const negative = text.charCodeAt(0) === 45 // '-'
  const start = negative ? 1 : 0
  const dot = text.indexOf('.')
  const whole = Number(dot < 0 ? text.slice(start) : text.slice(start, dot))
  const fraction = dot < 0 ? '' : text.slice(dot + 1, dot + 3)
  const minor = whole * 100 + (fraction.length === 2 ? Number(fraction) : fraction.length === 1 ? Number(fraction) * 10 : 0)
  return negative ? -minor : minor
}

/** Minor units → "50.00", the text SQL gets. */
export function minorToDecimal(minor: number): string {
  const negative = minor < 0
  const abs = Math.abs(minor)
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** Minor units → the JSON number text the ledger spec shows (50.0, 12.5, 12.34), as Python prints a float. */
export function minorToJsonNumber(minor: number): string {
  const text = minorToDecimal(minor)
  return text.endsWith('0') ? text.slice(0, -1) : text
}

/** A number that a JSON writer must print as this exact text (see `exactJson`). */
export class ExactNumber {
  constructor(readonly text: string) {}
  /** What JSON.stringify writes in its place: a marked string `exactJson` turns back into the bare number. */
  toJSON(): string {
    return `\u0000${MARK}${this.text}\u0000`
  }
}

export const money = (minor: number) => new ExactNumber(minorToJsonNumber(minor))
export const moneyOrNull = (text: string | null) => (text === null ? null : money(decimalToMinor(text)))

// An ExactNumber as JSON.stringify wrote it: a NUL, this process's random mark, the number and a NUL. No
// stored text can hold a NUL (PostgreSQL refuses it in text and jsonb), and a client's text echoed back
// cannot carry a mark it never saw, so only ExactNumbers match.
// (Web Crypto: this module also runs in the browser, for formatMoney.)
const MARK = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')
const MARKED_NUMBER = new RegExp(`"\\\\u0000${MARK}(-?\\d+(?:\\.\\d+)?)\\\\u0000"`, 'g')

/**
 * JSON.stringify, except that ExactNumber values are written as their own text (an exact decimal).
 * One native JSON.stringify and one replace: a ledger list writes thousands of amounts per answer.
 */
export function exactJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null'
  return text.includes('\\u0000') ? text.replace(MARKED_NUMBER, '$1') : text
}

/** "1.234,50 TRY"-free plain display for the console: "1,234.50". */
export function formatMoney(minor: number): string {
  const text = minorToDecimal(Math.abs(minor))
  const [whole, fraction] = text.split('.')
  return `${minor < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`
}
