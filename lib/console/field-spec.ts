import { z } from 'zod'
import { isValidIban, normalizeIban } from '@/lib/iban'
import * as f from '@/lib/resource/fields'
import { findGateway } from '@/lib/gateways/catalog'
import { configToFormValues, type ConfigFormValues } from './gateway-form'
import type { Choice, FieldDef, FieldKind } from '@/lib/resource/fields'

/**
 * A resource field as the browser sees it. Field definitions hold parser functions, which cannot be
 * sent to a client component; this plain description can, and `fieldFromSpec` rebuilds the very same
 * parser from it with the same factories, so the form validates with the resource's own rules and
 * messages before the server action validates again.
 */
export type Widget = 'text' | 'textarea' | 'secret' | 'image-url' | 'gateway-config'

export interface FieldSpec {
  name: string
  kind: FieldKind
  label: string
  writable: boolean
  required: boolean
  nullable: boolean
  maxLength?: number
  min?: number
  max?: number
  maxDigits?: number
  decimalPlaces?: number
  allowBlank?: boolean
  choices?: Choice[]
  help?: string
  defaultValue?: unknown
  reference?: { resource: string }
  widget?: Widget
  /**
   * A rule of the field beyond its kind that the browser checks as the user types (a resource may
   * give a field its own parser; the page names the rule so the form can apply the same one).
   */
  check?: Check
  /** A JSON field holding a list (a card's per-currency POS), not an object. */
  jsonList?: boolean
  maxBytes?: number
  image?: boolean
}

export type Check = 'iban'

/** The browser halves of field rules; the messages are the resources' own. */
const CHECKS: Record<Check, (value: unknown) => { value: unknown } | { message: string }> = {
  iban: (value) => {
    const iban = normalizeIban(String(value))
    return isValidIban(iban) ? { value: iban } : { message: 'Enter a valid IBAN.' }
  },
}

export type FormValue = string | boolean | File | undefined | ConfigFormValues
export type FormValues = Record<string, FormValue>
export type Option = { value: string; label: string }

export function fieldFromSpec(spec: FieldSpec): FieldDef {
  const field = baseField(spec)
  if (!spec.check || !field.parse) return field
  const check = CHECKS[spec.check]
  const parse = field.parse
  return {
    ...field,
    parse: (value) => {
      const result = parse(typeof value === 'string' && spec.check === 'iban' ? normalizeIban(value) : value)
      if (!result.ok || result.value === null) return result
      const checked = check(result.value)
      return 'message' in checked ? { ok: false, message: checked.message } : { ok: true, value: checked.value }
    },
  }
}

function baseField(spec: FieldSpec): FieldDef {
  const common = { label: spec.label, required: spec.required, nullable: spec.nullable }
  switch (spec.kind) {
    case 'slug':
      return f.slug({ ...common, maxLength: spec.maxLength })
    case 'url':
      return f.url({ ...common, maxLength: spec.maxLength })
    case 'integer':
      return f.integer({ ...common, min: spec.min, max: spec.max })
    case 'boolean':
      return f.boolean(common)
    case 'decimal':
      return f.decimal({ ...common, maxDigits: spec.maxDigits ?? 32, decimalPlaces: spec.decimalPlaces ?? 6 })
    case 'choice':
      return f.choice({ ...common, choices: spec.choices ?? [] })
    case 'json':
      return spec.jsonList ? jsonList(spec) : f.jsonObject(common)
    case 'fk':
      return f.reference({ ...common, table: 'channels' })
    case 'file':
      return f.file({ ...common, maxBytes: spec.maxBytes ?? 2 * 1024 * 1024, image: spec.image })
    default:
      return f.string({ ...common, maxLength: spec.maxLength, allowBlank: spec.allowBlank })
  }
}

/** A JSON list; its items are the server's to check (they name records and rules the browser does not know). */
function jsonList(spec: FieldSpec): FieldDef {
  const field = f.jsonObject({ label: spec.label, required: spec.required, nullable: spec.nullable })
  return {
    ...field,
    parse: (value) => {
      let parsed = value
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value)
        } catch {
          return { ok: false, message: 'Value must be valid JSON.' }
        }
      }
      if (parsed === null && spec.nullable) return { ok: true, value: null }
      return Array.isArray(parsed) ? { ok: true, value: parsed } : { ok: false, message: `Expected a list of items but got type "${f.pythonType(parsed)}".` }
    },
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '')
}

/**
 * The form's zod schema: raw input values (strings and checkbox booleans) → API values. An empty
 * optional input means "not given" (or null where the field allows it); an empty required text keeps
 * DRF's "may not be blank" and an empty required select says "This field is required.".
 */
export function formSchema(specs: FieldSpec[]) {
  const shape: Record<string, z.ZodType> = {}
  for (const spec of specs) {
    // A gateway config is checked against the chosen gateway by its control (components/controls/gateway-config-control.tsx).
    if (!spec.writable || spec.widget === 'gateway-config') continue
    const inner = f.zodField(fieldFromSpec(spec))
    const textual = spec.kind === 'string' || spec.kind === 'slug' || spec.kind === 'url'
    shape[spec.name] = z.preprocess((value) => {
      // Files: undefined keeps the stored one, "" removes it, a File replaces it.
      if (spec.kind === 'file') return value === '' && !spec.nullable ? undefined : value
      if (!isBlank(value)) return value
      if (spec.nullable) return null
      if (spec.required && textual) return ''
      return undefined
    }, spec.required ? inner : inner.optional())
  }
  return z.object(shape)
}

/** A record's API values as form input values. */
export function toFormValues(specs: FieldSpec[], record: Record<string, unknown> | null): FormValues {
  const values: FormValues = {}
  for (const spec of specs) {
    const value = record ? record[spec.name] : spec.defaultValue
    if (spec.widget === 'gateway-config') values[spec.name] = configToFormValues(findGateway(record?.gateway)?.config ?? {}, value)
    else if (spec.kind === 'file') values[spec.name] = undefined
    else if (spec.kind === 'boolean') values[spec.name] = value === undefined || value === null ? false : Boolean(value)
    else if (spec.kind === 'json') values[spec.name] = value === undefined || value === null ? '' : JSON.stringify(value, null, 2)
    else values[spec.name] = value === undefined || value === null ? '' : String(value)
  }
  return values
}
