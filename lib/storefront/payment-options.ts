import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'

/**
 * The POS slug named by a channel's active payment option of a type (`config.pos_slug`), as DESIGN.md
 * routes stored cards, Masterpass and the channel's default POS; the first by sort order wins.
 */
export async function optionPosSlug(db: Kysely<Database>, channelId: number, paymentType: 'credit_card' | 'stored_card' | 'masterpass'): Promise<string | null> {
  const option = await db
    .selectFrom('payment_options')
    .select('config')
    .where('channel_id', '=', channelId)
    .where('payment_type', '=', paymentType)
    .where('is_active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst()
  const slug = option?.config?.pos_slug
  return typeof slug === 'string' && slug ? slug : null
}
