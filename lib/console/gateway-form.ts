import type { ConfigErrors, ConfigField, ConfigFields } from '@/lib/gateways/config-fields'

/**
 * A POS config as form inputs and back. Inputs hold text (numbers as text, blanks as ""), checkboxes
 * booleans, nested objects nested values; keys the gateway does not declare are carried over untouched.
 */
export type ConfigFormValues = { [key: string]: string | boolean | ConfigFormValues }

export function configToFormValues(fields: ConfigFields, config: unknown): ConfigFormValues {
  const source = config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {}
  const out: ConfigFormValues = {}
  for (const [key, field] of Object.entries(fields)) {
    const value = key in source ? source[key] : field.default
    if (field.kind === 'object') out[key] = configToFormValues(field.fields, value)
    else if (field.kind === 'boolean') out[key] = value === true
    else out[key] = value === undefined || value === null ? '' : String(value)
  }
  return out
}

function fromInput(field: ConfigField, value: unknown): unknown {
  if (field.kind === 'object') return undefined
  if (field.kind === 'boolean') return value === true
  const text = typeof value === 'string' ? value : ''
  // An empty optional input means "use the default" (the key is left out, the server fills it in).
  if (text.trim() === '') return field.required && field.default === undefined ? '' : undefined
  if (field.kind === 'integer') return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text
  return text
}

export function formValuesToConfig(fields: ConfigFields, values: unknown, original: unknown = {}): Record<string, unknown> {
  const input = values !== null && typeof values === 'object' ? (values as Record<string, unknown>) : {}
  const before = original !== null && typeof original === 'object' && !Array.isArray(original) ? (original as Record<string, unknown>) : {}
  const out: Record<string, unknown> = {}
  for (const [key, extra] of Object.entries(before)) if (!(key in fields)) out[key] = extra
  for (const [key, field] of Object.entries(fields)) {
    if (field.kind === 'object') {
      const nested = formValuesToConfig(field.fields, input[key], before[key])
      if (Object.keys(nested).length || field.required) out[key] = nested
      continue
    }
    const value = fromInput(field, input[key])
    if (value !== undefined) out[key] = value
  }
  return out
}

/** DRF's nested config errors as react-hook-form errors under `config.<path>`. */
export function configErrorsToForm(errors: ConfigErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(errors)) out[key] = Array.isArray(value) ? { type: 'server', message: value.join(' ') } : configErrorsToForm(value)
  return out
}

/** The nested errors inside a pos_100_2 message (`{"auth": {"password": ["This field is required."]}}`), if it is one. */
export function parseConfigErrorMessage(message: string): ConfigErrors | null {
  const json = message.replace(/\s*\([a-z_0-9]+\)$/, '')
  try {
    const parsed = JSON.parse(json)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ConfigErrors) : null
  } catch {
    return null
  }
}
