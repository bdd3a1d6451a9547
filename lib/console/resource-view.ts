import 'server-only'
import { getDb } from '@/db'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { getRecord, listRecords } from '@/lib/resource/crud'
import type { Resource } from '@/lib/resource/define'
import { parseInteger } from '@/lib/resource/fields'
import * as references from '@/lib/resource/references'
import { channelScope } from '@/lib/resource/references'
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
export { channelScope }

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
    const db = await getDb()
    const list = await listRecords(db, resource, params, { scope: channelScope(resource, channelId) })
    // Tables never show secrets (a POS password), so they never reach the browser from a list.
    const visible = resource.redact ? list.results.map((row) => resource.redact!(row)) : list.results
    const rows = await references.resolveReferences(db, resource, visible)
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

/** One record as the API shows it, for a console page (NotFoundError when there is none). */
export async function readRecord(resource: Resource, id: number): Promise<Record<string, unknown>> {
  return getRecord(await getDb(), resource, id)
}

/** Adds `<field>__display` (e.g. the bank's name) beside every reference. */
export async function resolveReferences(resource: Resource, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  return references.resolveReferences(await getDb(), resource, rows)
}

/** Choices for the reference selects of a form: the records of the current channel, by their display field. */
export async function referenceOptions(resource: Resource, channelId: number | undefined): Promise<Record<string, Option[]>> {
  return references.referenceOptions(await getDb(), resource, channelId)
}

export async function channelNameOf(id: unknown): Promise<string> {
  if (typeof id !== 'number') return ''
  return (await references.channelName(await getDb(), id)) ?? `#${id}`
}

/** The sort value that puts a new child last among its siblings (a bank's next account goes to the end). */
export async function nextSortValue(resource: Resource, sortField: string, parent: { field: string; id: number }): Promise<number> {
  return references.nextSortValue(await getDb(), resource, sortField, parent)
}
