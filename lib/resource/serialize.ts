import type { Resource, DbRow } from './define'
import { columnOf } from './fields'

/**
 * Postgres text timestamp (UTC session) → ISO-8601 with microseconds, as DRF prints them:
 * "2023-01-13 11:08:43.79+00" → "2023-01-13T11:08:43.790000Z".
 */
export function isoMicro(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString().replace('Z', '000Z')
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:Z|\+00(?::?00)?)?$/.exec(String(value))
  if (!match) return String(value)
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`
}

/** A stored row as the API shows it: field names, pk, ISO timestamps, decimals as strings. */
export function serialize(resource: Resource, stored: DbRow): Record<string, unknown> {
  const row = resource.fromStored ? resource.fromStored(stored) : stored
  const output: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.compute) {
      output[name] = field.compute(row)
      continue
    }
    const value = row[columnOf(name, field)]
    if (field.kind === 'datetime') output[name] = isoMicro(value)
    else if (field.kind === 'decimal' && value !== null && value !== undefined)
      output[name] = Number.parseFloat(String(value)).toFixed(field.decimalPlaces ?? 6) === String(value) ? value : formatDecimal(String(value), field.decimalPlaces ?? 6)
    else output[name] = value === undefined ? null : value
  }
  return output
}

/** Pads or trims a decimal string to a fixed scale without going through a float. */
export function formatDecimal(text: string, places: number): string {
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.')
  const padded = places > 0 ? `${whole}.${fraction.padEnd(places, '0').slice(0, places)}` : whole
  return negative ? `-${padded}` : padded
}
