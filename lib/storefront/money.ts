/**
 * Exact money for the storefront: amounts are integer minor units (bigint kuruş) in code and decimal
 * strings ("1499.90") at the edges; nothing goes through a float.
 */
const DECIMAL = /^(-?)(\d{1,12})(?:\.(\d{1,6}))?$/

/** "1499.9" → 149990n; more than 2 decimals is refused (prices and bounds are whole kuruş). */
export function toMinor(text: string): bigint {
  const match = DECIMAL.exec(text.trim())
  if (!match || (match[3] ?? '').replace(/0+$/, '').length > 2) throw new RangeError(`"${text}" is not an amount with at most 2 decimals`)
  const minor = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').slice(0, 2).padEnd(2, '0') || '0')
  return match[1] ? -minor : minor
}

/** Like toMinor, or null for anything that is not such an amount (bounds typed by hand in a config). */
export function parseMinor(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value)
  if (typeof value !== 'string') return null
  try {
    return toMinor(value)
  } catch {
    return null
  }
}

/** 149990n → "1499.90". */
export function formatMinor(minor: bigint): string {
  const sign = minor < 0n ? '-' : ''
  const abs = minor < 0n ? -minor : minor
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** A percentage such as "21.890000" (numeric(12, 6)) as millionths of a percent. */
export function rateMicros(text: string): bigint {
  const match = DECIMAL.exec(text.trim())
  if (!match) throw new RangeError(`"${text}" is not a rate`)
  const micros = BigInt(match[2]) * 1_000_000n + BigInt((match[3] ?? '').padEnd(6, '0') || '0')
  return match[1] ? -micros : micros
}
