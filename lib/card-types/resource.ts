import { InvalidError } from '@/lib/http/errors'
import { mediaUrl, NotAnImageError, saveImage } from '@/lib/media/storage'
import { defineResource } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { nameSearch, standardFilters } from '@/lib/resource/filters'

export const LOGO_MAX_BYTES = 2 * 1024 * 1024

export const cardTypes = defineResource({
  name: 'card_types',
  model: 'CardType',
  table: 'card_types',
  title: 'Card type',
  titlePlural: 'Card types',
  description: 'Card programmes (Bonus, World, Maximum…) that cards of a sales channel belong to.',
  fields: {
    pk: f.pk(),
    name: f.string({ label: 'Name', maxLength: 64 }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    // Stored as a media key, shown as an absolute URL (DRF's ImageField with `request` in context).
    logo: { ...f.file({ label: 'Logo', nullable: true, image: true, maxBytes: LOGO_MAX_BYTES }), compute: (row) => mediaUrl(row.logo) },
    channel: f.channel(),
    ...f.timestamps(),
  },
  filters: { ...standardFilters(), name: nameSearch() },
  uniqueSets: [['slug', 'channel']],
  consolePath: '/sales-channels/payment-management/card-types',
  defaultOrdering: ['pk'],
  label: (row) => String(row.slug),
  channelChange: { code: 'card_type_100_2', message: (channel, row) => `Channel: ${channel} of CardType: ${row.slug} cannot change.` },
  // Runs after every other check, so a refused request leaves no file behind (bar a concurrent unique clash).
  toStored: async (values) => {
    if (!f.isUploadedFile(values.logo)) return values
    try {
      return { ...values, logo: await saveImage('card-types', values.logo) }
    } catch (error) {
      if (error instanceof NotAnImageError) throw new InvalidError({ logo: [error.message] })
      throw error
    }
  },
})
