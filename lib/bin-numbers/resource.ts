import { defineResource } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { booleanFilter, charFilter, choiceFilter, dateFilter, modelFilter, standardFilters } from '@/lib/resource/filters'

/** A BIN is the first 6 or 8 digits of a card number; nothing else may be stored (never a full number). */
function binNumberField() {
  const field = f.string({ label: 'Bin number', maxLength: 8 })
  return {
    ...field,
    jsonSchema: { type: 'string', pattern: '^([0-9]{6}|[0-9]{8})$' },
    parse: (value: unknown) => {
      const result = field.parse!(value)
      if (!result.ok) return result
      return /^(\d{6}|\d{8})$/.test(String(result.value))
        ? result
        : { ok: false as const, message: 'Ensure this value is a BIN number of 6 or 8 digits.' }
    },
  }
}

export const binNumbers = defineResource({
  name: 'bin_numbers',
  model: 'BinNumber',
  table: 'bin_numbers',
  title: 'BIN number',
  titlePlural: 'BIN numbers',
  description: 'Bank identification numbers (the first 6 or 8 digits of a card number) that match a card.',
  fields: {
    pk: f.pk(),
    bin_number: binNumberField(),
    card: f.reference({ label: 'Card', table: 'cards', resource: 'cards' }),
    is_active: f.boolean({ label: 'Is active', default: true }),
    channel: f.channel(),
    bin_number_length: {
      ...f.computed('Bin number length', { type: 'string', enum: ['6', '8'] }, (row) =>
        row.bin_number_length === null || row.bin_number_length === undefined ? null : String(row.bin_number_length),
      ),
      column: 'bin_number_length',
    },
    ...f.timestamps(),
  },
  filters: {
    ...standardFilters(),
    created_date: dateFilter('created_date'),
    bin_number: charFilter('bin_number'),
    card: modelFilter('card_id'),
    is_active: booleanFilter('is_active'),
    bin_number_length: choiceFilter('bin_number_length', ['6', '8']),
  },
  uniqueSets: [['bin_number', 'channel']],
  defaultOrdering: ['pk'],
  // A million rows per channel: counts come from `row_counts` (triggers of the row-counts migration).
  countedRows: true,
  // 500 BINs per card: a card's list reads its count from `reference_counts` (migration 0015).
  countedBy: ['card'],
  label: (row) => String(row.bin_number),
  channelChange: {
    code: 'bin_number_100_2',
    message: (channel, row) => `Channel: ${channel} of BinNumber: ${row.bin_number} cannot change.`,
  },
  sameChannel: {
    fields: ['card'],
    code: 'bin_number_100_3',
    message: ({ channelName, referenced }) => `Channel: ${channelName} ${referenced.name} channel incompatible.`,
  },
})
