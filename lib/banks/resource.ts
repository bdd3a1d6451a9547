import { defineResource } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { nameSearch, standardFilters } from '@/lib/resource/filters'

export const banks = defineResource({
  name: 'banks',
  model: 'Bank',
  table: 'banks',
  title: 'Bank',
  titlePlural: 'Banks',
  description: 'Banks of a sales channel; their accounts take funds-transfer payments and their cards take card payments.',
  fields: {
    pk: f.pk(),
    name: f.string({ label: 'Name', maxLength: 64 }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    logo: f.url({ label: 'Logo', nullable: true, maxLength: 200 }),
    channel: f.channel(),
    ...f.timestamps(),
  },
  filters: { ...standardFilters(), name: nameSearch() },
  uniqueSets: [['slug', 'channel']],
  consolePath: '/sales-channels/payment-management/banks',
  defaultOrdering: ['pk'],
  label: (row) => String(row.slug),
  channelChange: { code: 'bank_100_2', message: (channel, row) => `Channel: ${channel} of Bank: ${row.slug} cannot change.` },
})
