import { isValidIban, normalizeIban } from '@/lib/iban'
import { defineResource } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { charFilter, modelFilter, standardFilters } from '@/lib/resource/filters'

/** An IBAN field: stored upper case without spaces; refused in Django's words unless ISO 13616 valid. */
function ibanField() {
  const field = f.string({ label: 'IBAN', maxLength: 34 })
  return {
    ...field,
    parse: (value: unknown) => {
      const result = field.parse!(typeof value === 'string' ? normalizeIban(value) : value)
      if (!result.ok || result.value === null) return result
      return isValidIban(String(result.value)) ? result : { ok: false as const, message: 'Enter a valid IBAN.' }
    },
  }
}

export const bankAccounts = defineResource({
  name: 'bank_accounts',
  model: 'BankAccount',
  table: 'bank_accounts',
  title: 'Bank account',
  titlePlural: 'Bank accounts',
  description: 'Accounts of a bank that take payments by funds transfer, listed to shoppers by sort order.',
  fields: {
    pk: f.pk(),
    bank: f.reference({ label: 'Bank', table: 'banks', resource: 'banks' }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    holder_name: f.string({ label: 'Holder name', maxLength: 128 }),
    iban: ibanField(),
    is_active: f.boolean({ label: 'Is active', default: true }),
    sort_order: f.integer({ label: 'Sort order', min: 0, max: 2147483647, default: 0 }),
    description: f.string({ label: 'Description', maxLength: 255, allowBlank: true, default: '' }),
    channel: f.channel(),
    ...f.timestamps(),
  },
  filters: {
    ...standardFilters(),
    bank: modelFilter('bank_id'),
    iban: { ...charFilter('iban'), normalize: normalizeIban },
  },
  uniqueSets: [
    ['slug', 'channel'],
    ['iban', 'channel'],
  ],
  defaultOrdering: ['sort_order', 'pk'],
  label: (row) => String(row.iban),
  deleteMode: 'deactivate',
  channelChange: {
    code: 'bank_account_102',
    message: (channel, row) => `Channel: ${channel} of BankAccount: ${row.iban} cannot change.`,
  },
  sameChannel: {
    fields: ['bank'],
    code: 'bank_account_101',
    message: ({ channelName, referenced }) => `Channel: ${channelName} Bank ${referenced.name} channel incompatible.`,
  },
})
