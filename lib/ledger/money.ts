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
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.')
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2))
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
}

export const money = (minor: number) => new ExactNumber(minorToJsonNumber(minor))
export const moneyOrNull = (text: string | null) => (text === null ? null : money(decimalToMinor(text)))

/** JSON.stringify, except that ExactNumber values are written as their own text (an exact decimal). */
export function exactJson(value: unknown): string {
  if (value instanceof ExactNumber) return value.text
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(exactJson).join(',')}]`
  const parts: string[] = []
  for (const [key, item] of Object.entries(value)) if (item !== undefined) parts.push(`${JSON.stringify(key)}:${exactJson(item)}`)
  return `{${parts.join(',')}}`
}

/** "1.234,50 TRY"-free plain display for the console: "1,234.50". */
export function formatMoney(minor: number): string {
  const text = minorToDecimal(Math.abs(minor))
  const [whole, fraction] = text.split('.')
  return `${minor < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`
}
