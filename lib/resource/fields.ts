import { z } from 'zod'
import type { Database } from '@/db/types'
import { shownValue } from '@/lib/http/shown-value'

/**
 * The field vocabulary of a resource. One definition gives: the zod input schema (with Django REST
 * Framework's error messages, shared by the API, the server actions and the forms), the database
 * column it maps to, the serialized output, the `/schema/` metadata and the OpenAPI property.
 */
export type Choice = { value: string; display_name: string }

type ParseResult = { ok: true; value: unknown } | { ok: false; message: string }
type Parser = (value: unknown) => ParseResult

export type FieldKind =
  | 'pk'
  | 'string'
  | 'slug'
  | 'url'
  | 'integer'
  | 'boolean'
  | 'decimal'
  | 'choice'
  | 'json'
  | 'fk'
  | 'datetime'
  | 'computed'
  | 'file'

export interface FieldDef {
  kind: FieldKind
  label: string
  /** Database column; defaults to the API name (`<name>_id` for references, `id` for pk). */
  column?: string
  readOnly: boolean
  required: boolean
  nullable: boolean
  maxLength?: number
  min?: number
  max?: number
  defaultValue?: unknown
  choices?: Choice[]
  /** For references: the table whose id the value names, and the field of it to show people. */
  references?: { table: keyof Database; display: string; resource: string }
  /** Fields whose secret values are encrypted at rest and masked in the console and in the audit log. */
  help?: string
  /** DRF metadata type shown by `/schema/`. */
  schemaType: string
  /** Writable fields: turns raw input into the stored value or says what is wrong, in DRF's words. */
  parse?: Parser
  /** JSON Schema of the value, for OpenAPI. */
  jsonSchema: Record<string, unknown>
  /** Read-only computed fields: value from the row. */
  compute?: (row: Record<string, unknown>) => unknown
  decimalPlaces?: number
  maxDigits?: number
  /** Strings that accept "" (kept so console forms can rebuild the same parser in the browser). */
  allowBlank?: boolean
  /** Uploads: the size limit and whether only images are taken (for console forms, as above). */
  maxBytes?: number
  image?: boolean
  /**
   * Not a column of the resource's table (e.g. a card's per-currency POS set, kept in another table):
   * validated with the input, left out of the row written, read back by the resource's `expand` hook.
   */
  virtual?: boolean
}

const ok = (value: unknown): ParseResult => ({ ok: true, value })
const fail = (message: string): ParseResult => ({ ok: false, message })

const REQUIRED = 'This field is required.'
const NOT_NULL = 'This field may not be null.'

type Common = { label: string; required?: boolean; nullable?: boolean; column?: string; default?: unknown; help?: string }

function base(kind: FieldKind, options: Common, schemaType: string, jsonSchema: Record<string, unknown>, parse: Parser): FieldDef {
  const nullable = options.nullable ?? false
  return {
    kind,
    label: options.label,
    column: options.column,
    readOnly: false,
    required: options.required ?? (options.default === undefined && !nullable),
    nullable,
    defaultValue: options.default,
    help: options.help,
    schemaType,
    jsonSchema: nullable ? { anyOf: [jsonSchema, { type: 'null' }] } : jsonSchema,
    parse: (value) => {
      if (value === null) return nullable ? ok(null) : fail(NOT_NULL)
      return parse(value)
    },
  }
}

function parseString(value: unknown, maxLength: number | undefined, allowBlank: boolean): ParseResult {
  if (typeof value === 'number' || typeof value === 'boolean') value = String(value)
  if (typeof value !== 'string') return fail('Not a valid string.')
  if (value.includes('\u0000')) return fail('Null characters are not allowed.')
  const trimmed = value.trim()
  if (!trimmed && !allowBlank) return fail('This field may not be blank.')
  if (maxLength !== undefined && trimmed.length > maxLength)
    return fail(`Ensure this field has no more than ${maxLength} characters.`)
  return ok(trimmed)
}

export function string(options: Common & { maxLength?: number; allowBlank?: boolean }): FieldDef {
  const { maxLength, allowBlank = false } = options
  return {
    ...base('string', options, 'string', { type: 'string', ...(maxLength ? { maxLength } : {}) }, (value) =>
      parseString(value, maxLength, allowBlank),
    ),
    maxLength,
    allowBlank,
  }
}

const SLUG = /^[\p{L}\p{N}_-]+$/u
export function slug(options: Common & { maxLength?: number }): FieldDef {
  const maxLength = options.maxLength ?? 64
  return {
    ...base('slug', options, 'string', { type: 'string', maxLength, pattern: '^[\\p{L}\\p{N}_-]+$' }, (value) => {
      const result = parseString(value, maxLength, false)
      if (!result.ok) return result
      if (!SLUG.test(result.value as string))
        return fail('Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.')
      return result
    }),
    maxLength,
  }
}

export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0
  } catch {
    return false
  }
}

export function url(options: Common & { maxLength?: number }): FieldDef {
  const maxLength = options.maxLength ?? 200
  return {
    ...base('url', options, 'url', { type: 'string', format: 'uri', maxLength }, (value) => {
      if (value === '' && options.nullable) return ok(null)
      const result = parseString(value, maxLength, false)
      if (!result.ok) return result
      return isHttpUrl(result.value as string) ? result : fail('Enter a valid URL.')
    }),
    maxLength,
  }
}

export function parseInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value)
  return undefined
}

export function integer(options: Common & { min?: number; max?: number }): FieldDef {
  const { min, max } = options
  // Unless the field says otherwise, bounded to the int4 columns behind it.
  const lowest = min ?? -2147483648
  const highest = max ?? 2147483647
  return {
    ...base('integer', options, 'integer', { type: 'integer', minimum: lowest, maximum: highest }, (value) => {
      const number = parseInteger(value)
      if (number === undefined) return fail('A valid integer is required.')
      if (number < lowest) return fail(`Ensure this value is greater than or equal to ${lowest}.`)
      if (number > highest) return fail(`Ensure this value is less than or equal to ${highest}.`)
      return ok(number)
    }),
    min,
    max,
  }
}

const TRUE_VALUES = new Set<unknown>([true, 'true', 'True', 'TRUE', '1', 1, 'on', 'yes'])
const FALSE_VALUES = new Set<unknown>([false, 'false', 'False', 'FALSE', '0', 0, 'off', 'no'])
export function parseBoolean(value: unknown): boolean | undefined {
  if (TRUE_VALUES.has(value)) return true
  if (FALSE_VALUES.has(value)) return false
  return undefined
}

export function boolean(options: Common): FieldDef {
  return base('boolean', options, 'boolean', { type: 'boolean' }, (value) => {
    const parsed = parseBoolean(value)
    return parsed === undefined ? fail('Must be a valid boolean.') : ok(parsed)
  })
}

/** Exact decimals: validated as text, stored in a numeric column, never passed through a float. */
export function decimal(options: Common & { maxDigits: number; decimalPlaces: number; min?: number }): FieldDef {
  const { maxDigits, decimalPlaces } = options
  return {
    ...base('decimal', options, 'decimal', { type: 'string', pattern: `^-?\\d+(\\.\\d{1,${decimalPlaces}})?$` }, (value) => {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
      if (typeof text !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(text)) return fail('A valid number is required.')
      const [whole, fraction = ''] = text.trim().replace(/^-/, '').split('.')
      const places = fraction.replace(/0+$/, '').length
      const wholeDigits = whole.replace(/^0+(?=\d)/, '') === '0' ? 0 : whole.replace(/^0+/, '').length
      if (places > decimalPlaces) return fail(`Ensure that there are no more than ${decimalPlaces} decimal places.`)
      if (wholeDigits > maxDigits - decimalPlaces)
        return fail(`Ensure that there are no more than ${maxDigits - decimalPlaces} digits before the decimal point.`)
      if (options.min !== undefined && text.trim().startsWith('-') && Number(text) < options.min)
        return fail(`Ensure this value is greater than or equal to ${options.min}.`)
      return ok(text.trim())
    }),
    decimalPlaces,
    maxDigits,
  }
}

export function choice(options: Common & { choices: Choice[] }): FieldDef {
  const values = new Set(options.choices.map((entry) => entry.value))
  return {
    ...base('choice', options, 'choice', { type: 'string', enum: options.choices.map((entry) => entry.value) }, (value) =>
      typeof value === 'string' && values.has(value) ? ok(value) : fail(`"${shownValue(value)}" is not a valid choice.`),
    ),
    choices: options.choices,
  }
}

/** Python's name of a JSON value's type, as DRF's messages print it ("got str", "received list"). */
export function pythonType(value: unknown): string {
  if (value === null) return 'NoneType'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (typeof value === 'boolean') return 'bool'
  return typeof value === 'object' ? 'dict' : typeof value
}

/**
 * A dictionary keyed by names that come from input (body keys, filters, CSV columns): no inherited
 * keys (`constructor`, `toString` are not already "there") and `__proto__` is an ordinary key.
 */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out: Record<string, T> = Object.create(null)
  for (const [key, value] of entries) out[key] = value
  return out
}

/** zod's issues as DRF's field errors: messages under the top-level field, unknown keys as "Unknown field.". */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const errors = dict<string[]>()
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add(key, 'Unknown field.')
    else add(issue.path.length ? String(issue.path[0]) : 'non_field_errors', issue.message)
  }
  return errors
}

/** A JSON object (config, translations). */
export const MAX_JSON_DEPTH = 32
const TOO_DEEP = `Ensure this value is nested no more than ${MAX_JSON_DEPTH} levels deep.`

/** Whether arrays/objects nest deeper than `limit`; iterative, so hostile input cannot overflow the stack. */
export function nestedDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [current, depth] = stack.pop()!
    if (current === null || typeof current !== 'object') continue
    if (depth >= limit) return true
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}

/** The error for a value nested too deeply, or undefined. */
export function depthError(value: unknown): string | undefined {
  return nestedDeeperThan(value) ? TOO_DEEP : undefined
}

export function jsonObject(options: Common): FieldDef {
  return base('json', options, 'json field', { type: 'object', additionalProperties: true }, (value) => {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value)
      } catch {
        return fail('Value must be valid JSON.')
      }
      if (value === null) return options.nullable ? ok(null) : fail(NOT_NULL)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return fail(`Expected a dictionary of items but got type "${pythonType(value)}".`)
    if (nestedDeeperThan(value)) return fail(TOO_DEEP)
    const text = JSON.stringify(value)
    // jsonb refuses \u0000; and a settings blob has no business being megabytes long.
    if (text.includes('\\u0000')) return fail('Null characters are not allowed.')
    if (text.length > 65536) return fail('Ensure this value has no more than 65536 characters.')
    return ok(value)
  })
}

/** An uploaded file as a multipart body carries it (a web `File`); storing it is the resource's `toStored`. */
export function isUploadedFile(value: unknown): value is File {
  return typeof Blob !== 'undefined' && value instanceof Blob && typeof (value as File).name === 'string'
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/**
 * A file upload (DRF's FileField/ImageField). Anything but a file is refused in DRF's words; an empty
 * string counts as "no file" (HTML forms send one for an empty file input), so it clears a nullable field.
 */
export function file(options: Common & { maxBytes: number; image?: boolean; maxNameLength?: number }): FieldDef {
  const { maxBytes, maxNameLength = 255 } = options
  return {
    maxBytes,
    image: options.image ?? false,
    ...base('file', options, options.image ? 'image upload' : 'file upload', { type: 'string', format: 'binary' }, (value) => {
    if (value === '' && options.nullable) return ok(null)
    if (!isUploadedFile(value)) return fail('The submitted data was not a file. Check the encoding type on the form.')
    if (!value.name) return fail('No filename could be determined.')
    if (value.name.length > maxNameLength)
      return fail(`Ensure this filename has at most ${maxNameLength} characters (it has ${value.name.length}).`)
    if (value.size === 0) return fail('The submitted file is empty.')
    if (value.size > maxBytes) return fail(`Ensure this file is no larger than ${formatBytes(maxBytes)} (it has ${value.size} bytes).`)
    // A type the sender names as something else (a PDF, a text file) is refused at once, in the browser too;
    // unnamed types (octet-stream) go on to the server, which reads the file's own signature.
    if (options.image && value.type && !value.type.startsWith('image/') && value.type !== 'application/octet-stream')
      return fail('Upload a valid image. The file you uploaded was either not an image or a corrupted image.')
    return ok(value)
  }),
  }
}

/** A reference to another record by pk ("pk field" in DRF terms); existence is checked by the service. */
export function reference(options: Common & { table: keyof Database; display?: string; resource?: string }): FieldDef {
  return {
    ...base('fk', options, 'pk field', { type: 'integer' }, (value) => {
      const number = parseInteger(value)
      if (number === undefined) return fail(`Incorrect type. Expected pk value, received ${pythonType(value)}.`)
      // A well-formed integer that no row can have (0, negative, past int4) simply names no record.
      if (number < 1 || number > 2147483647) return fail(`Invalid pk "${number}" - object does not exist.`)
      return ok(number)
    }),
    references: { table: options.table, display: options.display ?? 'name', resource: options.resource ?? options.table },
  }
}

export function channel(): FieldDef {
  return reference({ label: 'Channel', table: 'channels', resource: 'channels' })
}

export function pk(): FieldDef {
  return { kind: 'pk', label: 'ID', column: 'id', readOnly: true, required: false, nullable: false, schemaType: 'integer', jsonSchema: { type: 'integer', readOnly: true } }
}

export function datetime(label: string): FieldDef {
  return { kind: 'datetime', label, readOnly: true, required: false, nullable: false, schemaType: 'datetime', jsonSchema: { type: 'string', format: 'date-time', readOnly: true } }
}

export function computed(label: string, jsonSchema: Record<string, unknown>, compute: (row: Record<string, unknown>) => unknown): FieldDef {
  return { kind: 'computed', label, readOnly: true, required: false, nullable: false, schemaType: 'method field', jsonSchema: { ...jsonSchema, readOnly: true }, compute }
}

/** A read-only column (e.g. a generated one) shown as is. */
export function readOnlyColumn(field: FieldDef, column?: string): FieldDef {
  return { ...field, column: column ?? field.column, readOnly: true, required: false, parse: undefined, jsonSchema: { ...field.jsonSchema, readOnly: true } }
}

export function columnOf(name: string, field: FieldDef): string {
  if (field.column) return field.column
  return field.kind === 'fk' ? `${name}_id` : name
}

/** The standard trailing fields of every Omnitron model. */
export function timestamps() {
  return { modified_date: datetime('Modified date'), created_date: datetime('Created date') }
}

/** Wraps a field's parser in zod so forms (react-hook-form) and the server validate with one schema. */
export function zodField(field: FieldDef) {
  const parse = field.parse!
  return z
    .unknown()
    .transform((value, context) => {
      if (value === undefined) {
        context.addIssue({ code: 'custom', message: REQUIRED })
        return z.NEVER
      }
      const result = parse(value)
      if (!result.ok) {
        context.addIssue({ code: 'custom', message: result.message })
        return z.NEVER
      }
      return result.value
    })
    .meta({ title: field.label, ...field.jsonSchema })
}
