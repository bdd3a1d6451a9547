import type { Kysely } from 'kysely'
import { storefrontChannel } from '@/db/seed-data/storefront'
import type { Database } from '@/db/types'

let cached: { key: string; id: number } | undefined

/**
 * The storefront's sales channel: `STOREFRONT_CHANNEL` (an id or a slug), default the first channel (the
 * same rule the seed uses to place the catalog). Channels are not renumbered while a server runs, so the
 * answer is kept per process.
 */
export async function storefrontChannelId(db: Kysely<Database>): Promise<number> {
  const key = process.env.STOREFRONT_CHANNEL ?? ''
  if (cached && cached.key === key) return cached.id
  const id = await storefrontChannel(db, process.env)
  if (id === null) throw new Error(`STOREFRONT_CHANNEL "${key}" names no sales channel`)
  cached = { key, id }
  return id
}
