import type { Resource } from './define'
import type { FieldDef } from './fields'

/** DRF's metadata for one field, as `/schema/` shows it. */
export function fieldMetadata(field: FieldDef): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    type: field.schemaType,
    required: field.required && !field.readOnly,
    read_only: field.readOnly,
    label: field.label,
  }
  if (field.maxLength !== undefined) meta.max_length = field.maxLength
  if (field.min !== undefined) meta.min_value = field.min
  if (field.max !== undefined) meta.max_value = field.max
  if (field.choices) meta.choices = field.choices
  if (field.help) meta.help_text = field.help
  return meta
}

/**
 * The `/schema/` document of a resource, generated from its field and filter descriptions.
 * `extraFields` lets a resource add to a field's entry (e.g. POS config: the per-gateway config fields).
 */
export function schemaMetadata(resource: Resource, extraFields = resource.schemaExtras?.() ?? {}) {
  const post: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(resource.fields)) post[name] = { ...fieldMetadata(field), ...extraFields[name] }
  const filters: Record<string, unknown> = {}
  for (const [name, filter] of Object.entries(resource.filters))
    if (!filter.extension) filters[name] = { type: filter.type, lookup_types: filter.lookups, ...(filter.choices ? { choices: filter.choices } : {}) }
  return {
    name: 'Schema',
    description: resource.description,
    renders: ['application/json', 'text/html', 'text/csv', 'application/xls', 'application/xml'],
    parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    actions: { POST: post },
    filters,
    ordering: '__all__',
  }
}
