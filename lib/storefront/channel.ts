import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'

let cached: { key: string; id: number } | undefined

/**
 * The storefront's sales channel: `STOREFRONT_CHANNEL` (an id or a slug), default the first channel.
 * Channels are not renumbered while a server runs, so the answer is kept per process.
 */
export async function storefrontChannelId(db: Kysely<Database>): Promise<number> {
  const key = process.env.STOREFRONT_CHANNEL ?? ''
  if (cached && cached.key === key) return cached.id
  let query = db.selectFrom('channels').select('id').orderBy('id').limit(1)
  if (/^\d+$/.test(key)) query = query.where('id', '=', Number(key))
  else if (key) query = query.where('slug', '=', key)
  const row = await query.executeTakeFirst()
  if (!row) throw new Error(`STOREFRONT_CHANNEL "${key}" names no sales channel`)
  cached = { key, id: row.id }
  return row.id
}
