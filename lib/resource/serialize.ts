import type { Resource, DbRow } from './define'
import { columnOf } from './fields'

const FULL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/

/**
 * Postgres text timestamp (UTC session) → ISO-8601 with microseconds, as DRF prints them:
 * "2023-01-13 11:08:43.79+00" → "2023-01-13T11:08:43.790000Z".
 */
export function isoMicro(value: unknown): string | null {
  if (value === null || value === undefined) return null
  // The common case, "YYYY-MM-DD HH:MM:SS.ffffff+00", without the regex below (a list serializes two per row).
  if (typeof value === 'string' && value.length === 29 && value.charCodeAt(10) === 32 && value.charCodeAt(19) === 46 && value.endsWith('+00') && FULL.test(value))
    return `${value.slice(0, 10)}T${value.slice(11, 26)}Z`
  if (value instanceof Date) return value.toISOString().replace('Z', '000Z')
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:Z|\+00(?::?00)?)?$/.exec(String(value))
  if (!match) return String(value)
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`
}

type Step = { name: string; column: string; field: Resource['fields'][string] }
/** Each resource's fields as steps, once: `Object.entries` and `columnOf` per field per row added up on long pages. */
const plans = new WeakMap<Resource['fields'], Step[]>()
function planOf(resource: Resource): Step[] {
  let plan = plans.get(resource.fields)
  if (!plan) {
    plan = Object.entries(resource.fields).map(([name, field]) => ({ name, column: columnOf(name, field), field }))
    plans.set(resource.fields, plan)
  }
  return plan
}

/** A stored row as the API shows it: field names, pk, ISO timestamps, decimals as strings. */
export function serialize(resource: Resource, stored: DbRow): Record<string, unknown> {
  const row = resource.fromStored ? resource.fromStored(stored) : stored
  const output: Record<string, unknown> = {}
  for (const { name, column, field } of planOf(resource)) {
    if (field.compute) {
      output[name] = field.compute(row)
      continue
    }
    const value = row[column]
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
