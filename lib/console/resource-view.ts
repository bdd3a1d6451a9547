import 'server-only'
import { getDb } from '@/db'
import type { Database } from '@/db/types'
import { sql } from 'kysely'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { listRecords } from '@/lib/resource/crud'
import type { Resource } from '@/lib/resource/define'
import { columnOf, parseInteger } from '@/lib/resource/fields'
import type { FilterCondition } from '@/lib/resource/filters'
import { DEFAULT_LIMIT, MAX_LIMIT } from '@/lib/resource/list'
import type { Check, FieldSpec, Option, Widget } from './field-spec'
import type { SearchParamsRecord } from './params'
import type { CellKind, ColumnSpec, ListState } from './table-spec'

export type { SearchParamsRecord }

export function toSearchParams(record: SearchParamsRecord): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, item)
    else if (value !== undefined) params.set(key, value)
  }
  return params
}

/** The console shows one channel at a time: the session's. */
export function channelScope(resource: Resource, channelId: number | undefined): FilterCondition[] {
  if (!('channel' in resource.fields) || channelId === undefined) return []
  return [(eb) => eb('channel_id', '=', channelId)]
}

/** The resource's fields as plain data for the browser (functions cannot cross to a client component). */
export function describeFields(resource: Resource, options: { widgets?: Record<string, Widget>; omit?: string[]; checks?: Record<string, Check> } = {}): FieldSpec[] {
  const specs: FieldSpec[] = []
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.kind === 'pk' || options.omit?.includes(name)) continue
    const spec: FieldSpec = {
      name,
      kind: field.kind,
      label: field.label,
      writable: !field.readOnly && Boolean(field.parse),
      required: field.required,
      nullable: field.nullable,
    }
    if (field.maxLength !== undefined) spec.maxLength = field.maxLength
    if (field.min !== undefined) spec.min = field.min
    if (field.max !== undefined) spec.max = field.max
    if (field.maxDigits !== undefined) spec.maxDigits = field.maxDigits
    if (field.decimalPlaces !== undefined) spec.decimalPlaces = field.decimalPlaces
    if (field.allowBlank) spec.allowBlank = true
    if (field.maxBytes !== undefined) spec.maxBytes = field.maxBytes
    if (field.image) spec.image = true
    if (field.choices) spec.choices = field.choices
    if (field.help) spec.help = field.help
    if (field.defaultValue !== undefined && typeof field.defaultValue !== 'function') spec.defaultValue = structuredClone(field.defaultValue)
    if (field.references) spec.reference = { resource: field.references.resource }
    if (field.kind === 'json' && (field.jsonSchema.type === 'array' || Array.isArray(field.defaultValue))) spec.jsonList = true
    const widget = options.widgets?.[name]
    if (widget) spec.widget = widget
    const check = options.checks?.[name]
    if (check) spec.check = check
    specs.push(spec)
  }
  return specs
}

const KIND_CELLS: Partial<Record<string, CellKind>> = {
  boolean: 'boolean',
  datetime: 'datetime',
  fk: 'reference',
  choice: 'choice',
  decimal: 'decimal',
  integer: 'integer',
  pk: 'integer',
  url: 'text',
}

export type ColumnInput = string | (Partial<ColumnSpec> & { id: string })

/** Table columns from field names, with labels, cell kinds and sortability taken from the resource. */
export function describeColumns(resource: Resource, columns: ColumnInput[]): ColumnSpec[] {
  return columns.map((input) => {
    const given = typeof input === 'string' ? { id: input } : input
    const field = resource.fields[given.id]
    const spec: ColumnSpec = {
      header: field?.label ?? given.id,
      kind: KIND_CELLS[field?.kind ?? ''] ?? 'text',
      sortable: Boolean(resource.columns[given.id]) && field?.kind !== 'json',
      ...(field?.choices ? { choices: field.choices.map((choice) => ({ value: choice.value, label: choice.display_name })) } : {}),
      ...given,
    }
    return spec
  })
}

/**
 * One page of a resource's list for a console table, read with the API's own list parser so the URL
 * of a console page and of the API mean the same. Bad parameters become a message, not an error page.
 */
export async function loadList(
  resource: Resource,
  record: SearchParamsRecord,
  channelId: number | undefined,
  options: { prefix?: string; fixed?: Record<string, string> } = {},
): Promise<ListState> {
  const { prefix = '', fixed = {} } = options
  const params = new URLSearchParams()
  for (const [key, value] of toSearchParams(record)) {
    // The main table reads unprefixed keys; a sub-table (prefix "bins.") only its own.
    if (prefix ? key.startsWith(prefix) : !key.includes('.')) params.append(key.slice(prefix.length), value)
  }
  params.delete('channel')
  for (const [key, value] of Object.entries(fixed)) params.set(key, value)
  const page = parseInteger(params.get('page')) ?? 1
  const limit = Math.min(parseInteger(params.get('limit')) ?? DEFAULT_LIMIT, MAX_LIMIT)
  const ordering = params.get('ordering') ?? ''
  try {
    const list = await listRecords(resource, params, { scope: channelScope(resource, channelId) })
    // Tables never show secrets (a POS password), so they never reach the browser from a list.
    const visible = resource.redact ? list.results.map((row) => resource.redact!(row)) : list.results
    const rows = await resolveReferences(resource, visible)
    return { rows, count: list.count, page, limit, ordering }
  } catch (error) {
    if (error instanceof InvalidError) {
      const problems = Object.entries(error.fields).map(([key, messages]) => `${key}: ${messages.join(' ')}`)
      return { rows: [], count: 0, page, limit, ordering, error: `The list could not be read with these settings. ${problems.join(' ')}` }
    }
    if (error instanceof NotFoundError) return { rows: [], count: 0, page, limit, ordering, error: 'That page is past the end of the list.' }
    throw error
  }
}

/** Adds `<field>__display` (e.g. the bank's name) beside every reference, one query per referenced table. */
export async function resolveReferences(resource: Resource, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const references = Object.entries(resource.fields).filter(([, field]) => field.kind === 'fk' && field.references)
  if (!references.length || !rows.length) return rows
  const db = await getDb()
  const out = rows.map((row) => ({ ...row }))
  for (const [name, field] of references) {
    const ids = [...new Set(rows.map((row) => row[name]).filter((id): id is number => typeof id === 'number'))]
    if (!ids.length) continue
    const { table, display } = field.references!
    const found = (await db
      .selectFrom(table as never)
      .select(['id as id', `${display} as display`] as never)
      .where('id' as never, 'in', ids as never)
      .execute()) as { id: number; display: unknown }[]
    const names = new Map(found.map((entry) => [entry.id, String(entry.display)]))
    for (const row of out) if (typeof row[name] === 'number') row[`${name}__display`] = names.get(row[name] as number) ?? `#${row[name]}`
  }
  return out
}

/** Choices for the reference selects of a form: the records of the current channel, by their display field. */
const CHANNEL_TABLES = new Set<string>(['pos', 'banks', 'card_types', 'cards', 'bin_numbers', 'bank_accounts', 'payment_options'])

export async function referenceOptions(resource: Resource, channelId: number | undefined): Promise<Record<string, Option[]>> {
  const db = await getDb()
  const options: Record<string, Option[]> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.kind !== 'fk' || !field.references || field.readOnly || name === 'channel') continue
    const { table, display } = field.references
    let query = db.selectFrom(table as keyof Database as never).select(['id as id', `${display} as display`] as never) as any
    if (channelId !== undefined && CHANNEL_TABLES.has(table)) query = query.where('channel_id', '=', channelId)
    const rows = (await query.orderBy(display).limit(1000).execute()) as { id: number; display: unknown }[]
    options[name] = rows.map((row) => ({ value: String(row.id), label: String(row.display) }))
  }
  return options
}


export async function channelNameOf(id: unknown): Promise<string> {
  if (typeof id !== 'number') return ''
  const db = await getDb()
  const row = await db.selectFrom('channels').select('name').where('id', '=', id).executeTakeFirst()
  return row?.name ?? `#${id}`
}

/** The sort value that puts a new child last among its siblings (a bank's next account goes to the end). */
export async function nextSortValue(resource: Resource, sortField: string, parent: { field: string; id: number }): Promise<number> {
  const db = await getDb()
  const sortColumn = columnOf(sortField, resource.fields[sortField])
  const parentColumn = columnOf(parent.field, resource.fields[parent.field])
  const row = (await db
    .selectFrom(resource.table as never)
    .select(sql<number | null>`max(${sql.ref(sortColumn)})`.as('highest'))
    .where(sql.ref(parentColumn) as never, '=', parent.id as never)
    .executeTakeFirst()) as { highest: number | null } | undefined
  return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest) + 1
}
