import { isHttpUrl, parseBoolean, parseInteger, pythonType, type Choice } from '@/lib/resource/fields'
import { shownValue } from '@/lib/http/shown-value'

/**
 * The vocabulary a gateway uses to describe its `config`: one description gives the validator
 * (DRF's messages), the `/schema/` metadata (DRF's shape, nested objects as `children`), the JSON
 * Schema for OpenAPI, and which keys are secrets (sealed at rest, masked in the console and audit log).
 */
export type ConfigField =
  | (FieldBase & { kind: 'string'; maxLength?: number; default?: string })
  | (FieldBase & { kind: 'url'; maxLength?: number; default?: string })
  | (FieldBase & { kind: 'integer'; min?: number; max?: number; default?: number })
  | (FieldBase & { kind: 'boolean'; default?: boolean })
  | (FieldBase & { kind: 'choice'; choices: Choice[]; default?: string })
  | (FieldBase & { kind: 'object'; fields: ConfigFields; default?: Record<string, unknown> })

interface FieldBase {
  label: string
  /** Required keys must be present unless they have a default; optional ones without a default may be absent. */
  required: boolean
  secret?: boolean
  help?: string
}

export type ConfigFields = Record<string, ConfigField>

/** DRF's nested error shape: a list of messages per key, or the errors of a nested object. */
export type ConfigErrors = { [key: string]: string[] | ConfigErrors }

const REQUIRED = 'This field is required.'

type Checked = { ok: true; value: unknown } | { ok: false; errors: string[] | ConfigErrors }

function checkField(field: ConfigField, value: unknown): Checked {
  const fail = (message: string): Checked => ({ ok: false, errors: [message] })
  if (value === null) return fail('This field may not be null.')
  switch (field.kind) {
    case 'string':
    case 'url': {
      const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value
      if (typeof text !== 'string') return fail('Not a valid string.')
      if (!text.trim()) return fail('This field may not be blank.')
      const maxLength = field.maxLength ?? (field.kind === 'url' ? 200 : undefined)
      if (maxLength !== undefined && text.length > maxLength) return fail(`Ensure this field has no more than ${maxLength} characters.`)
      if (field.kind === 'url' && !isHttpUrl(text.trim())) return fail('Enter a valid URL.')
      // Secrets are kept byte for byte: a password may well begin or end with a space.
      return { ok: true, value: field.secret ? text : text.trim() }
    }
    case 'integer': {
      const number = parseInteger(value)
      if (number === undefined) return fail('A valid integer is required.')
      if (field.min !== undefined && number < field.min) return fail(`Ensure this value is greater than or equal to ${field.min}.`)
      if (field.max !== undefined && number > field.max) return fail(`Ensure this value is less than or equal to ${field.max}.`)
      return { ok: true, value: number }
    }
    case 'boolean': {
      const parsed = parseBoolean(value)
      return parsed === undefined ? fail('Must be a valid boolean.') : { ok: true, value: parsed }
    }
    case 'choice':
      return typeof value === 'string' && field.choices.some((entry) => entry.value === value)
        ? { ok: true, value }
        : fail(`"${shownValue(value)}" is not a valid choice.`)
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return fail(`Expected a dictionary of items but got type "${pythonType(value)}".`)
      const nested = checkConfig(field.fields, value as Record<string, unknown>)
      return nested.ok ? { ok: true, value: nested.value } : { ok: false, errors: nested.errors }
    }
  }
}

/**
 * Validates a config against its description. Declared keys come out parsed (defaults filled in, in
 * declared order); keys the gateway does not declare are kept as sent, so extra provider options survive.
 */
export function checkConfig(
  fields: ConfigFields,
  config: Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: ConfigErrors } {
  const errors: ConfigErrors = {}
  const value: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    if (!(key in config) || config[key] === undefined) {
      if (field.default !== undefined) value[key] = structuredClone(field.default)
      else if (field.required) errors[key] = [REQUIRED]
      continue
    }
    const checked = checkField(field, config[key])
    if (checked.ok) value[key] = checked.value
    else errors[key] = checked.errors
  }
  for (const [key, extra] of Object.entries(config)) if (!(key in fields)) value[key] = extra
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}

/** The field at a dotted key path (`auth.password`), if declared. */
export function fieldAt(fields: ConfigFields, keyPath: string[]): ConfigField | undefined {
  let current: ConfigFields | undefined = fields
  let field: ConfigField | undefined
  for (const key of keyPath) {
    field = current?.[key]
    if (!field) return undefined
    current = field.kind === 'object' ? field.fields : undefined
  }
  return field
}

const METADATA_TYPES: Record<ConfigField['kind'], string> = {
  string: 'string',
  url: 'url',
  integer: 'integer',
  boolean: 'boolean',
  choice: 'choice',
  object: 'nested object',
}

/** DRF's metadata for the config fields, as POS `/schema/` shows them under `config.choices.<gateway>`. */
export function configMetadata(fields: ConfigFields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    const meta: Record<string, unknown> = {
      type: METADATA_TYPES[field.kind],
      required: field.required && field.default === undefined,
      read_only: false,
      label: field.label,
    }
    if ((field.kind === 'string' || field.kind === 'url') && (field.maxLength ?? (field.kind === 'url' ? 200 : undefined)))
      meta.max_length = field.maxLength ?? 200
    if (field.kind === 'integer' && field.min !== undefined) meta.min_value = field.min
    if (field.kind === 'integer' && field.max !== undefined) meta.max_value = field.max
    if (field.kind === 'choice') meta.choices = field.choices
    if (field.default !== undefined) meta.default = field.default
    if (field.secret) meta.secret = true
    if (field.help) meta.help_text = field.help
    if (field.kind === 'object') meta.children = configMetadata(field.fields)
    out[key] = meta
  }
  return out
}

/** JSON Schema of a config, for OpenAPI; secrets are marked `format: password`. */
export function configJsonSchema(fields: ConfigFields): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  const required: string[] = []
  for (const [key, field] of Object.entries(fields)) {
    let schema: Record<string, unknown>
    switch (field.kind) {
      case 'string':
        schema = { type: 'string', ...(field.maxLength ? { maxLength: field.maxLength } : {}) }
        break
      case 'url':
        schema = { type: 'string', format: 'uri', maxLength: field.maxLength ?? 200 }
        break
      case 'integer':
        schema = { type: 'integer', ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) }
        break
      case 'boolean':
        schema = { type: 'boolean' }
        break
      case 'choice':
        schema = { type: 'string', enum: field.choices.map((entry) => entry.value) }
        break
      case 'object':
        schema = configJsonSchema(field.fields)
        break
    }
    schema.title = field.label
    if (field.secret) schema.format = 'password'
    if (field.default !== undefined) schema.default = field.default
    properties[key] = schema
    if (field.required && field.default === undefined) required.push(key)
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: true }
}

/**
 * Python's `json.dumps` with its default separators (`", "`, `": "`) and ASCII escapes: Omnitron puts
 * config errors into `non_field_errors` as such a string, and the spec shows exactly that text.
 */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value).map(([key, item]) => `${pythonJson(key)}: ${pythonJson(item)}`).join(', ')}}`
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * Whether the value at a key path is shown as is: only what the gateway declares, and does not mark
 * secret, is public; an undeclared key (at any depth, whatever its name or type) is a secret, and so
 * is a declared key holding something its declaration does not describe (a list where a string was
 * declared). `object` means a declared nested object whose own keys decide. The safe side by design:
 * docs/decisions/013-gateway-secrets-safe-side.md.
 */
export function configVisibility(fields: ConfigFields | undefined, keyPath: string[], value: unknown): 'public' | 'secret' | 'object' {
  let current = fields
  let field: ConfigField | undefined
  for (const key of keyPath) {
    field = current && Object.hasOwn(current, key) ? current[key] : undefined
    if (!field || field.secret) return 'secret'
    current = field.kind === 'object' ? field.fields : undefined
  }
  if (!field) return 'secret'
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
  if (field.kind === 'object') return isObject ? 'object' : 'secret'
  return isObject || Array.isArray(value) ? 'secret' : 'public'
}

/**
 * The config with every secret value (a whole value: a list or an object under a secret key goes as
 * one) replaced by what `replace` makes of it; public values and empty ones (null, "") stay.
 */
export function mapConfigSecrets<T>(fields: ConfigFields | undefined, config: T, replace: (value: unknown, keyPath: string[]) => unknown, at: string[] = []): T {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return config
  // fromEntries, not assignment: a key named `__proto__` stays a plain key.
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      const here = [...at, key]
      const visibility = configVisibility(fields, here, value)
      if (visibility === 'object') return [key, mapConfigSecrets(fields, value, replace, here)]
      if (visibility === 'public' || value === null || value === undefined || value === '') return [key, value]
      return [key, replace(value, here)]
    }),
  ) as T
}
