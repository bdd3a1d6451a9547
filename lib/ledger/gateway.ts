import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '@/db/types'
import { connectGateway, openGatewayConfig, type GatewayClient } from '@/lib/gateways/registry'
import { LedgerValidationError } from './errors'

type Handle = Kysely<Database> | Transaction<Database>

export interface ChargingPos {
  id: number
  channelId: number
  currency: string
  client: GatewayClient
}

/** A POS row → its payment client (secrets opened only here, in memory). */
export async function posClient(db: Handle, posId: number): Promise<GatewayClient> {
  const pos = await db.selectFrom('pos').select(['slug', 'gateway', 'config', 'resource_url', 'three_d_resource_url']).where('id', '=', posId).executeTakeFirstOrThrow()
  return connectGateway(pos.gateway, {
    slug: pos.slug,
    config: openGatewayConfig(pos.config),
    resourceUrl: pos.resource_url,
    threeDResourceUrl: pos.three_d_resource_url,
  })
}

/**
 * The POS the ledger's own POSTs charge through: the one named (`config.pos_slug`) by the active
 * `credit_card` payment option of the default channel — the lowest-numbered channel that has one
 * (DESIGN.md, "Storefront": the channel's default POS).
 */
export async function defaultPos(db: Handle): Promise<ChargingPos> {
  const row = await db
    .selectFrom('payment_options')
    .innerJoin('pos', (join) => join.onRef('pos.channel_id', '=', 'payment_options.channel_id').on(sql<boolean>`pos.slug = payment_options.config ->> 'pos_slug'`))
    .select(['pos.id', 'pos.channel_id'])
    .where('payment_options.payment_type', '=', 'credit_card')
    .where('payment_options.is_active', '=', true)
    .orderBy('payment_options.channel_id')
    .orderBy('payment_options.sort_order')
    .orderBy('payment_options.id')
    .executeTakeFirst()
  if (!row)
    throw new LedgerValidationError({
      payment_method: ['No sales channel has an active credit_card payment option naming a POS (config.pos_slug); configure one to take payments.'],
    })
  return { id: row.id, channelId: row.channel_id, currency: 'TRY', client: await posClient(db, row.id) }
}
