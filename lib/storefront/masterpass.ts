import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { openGatewayConfig } from '@/lib/gateways/registry'
import { NotFoundError } from '@/lib/http/errors'
import { publicOrigin } from '@/lib/http/request-context'
import { optionPosSlug } from './payment-options'

/** Where Masterpass sends the shopper back after 3-D Secure: the app's own 3-D page, with the query it reads. */
export const MASTERPASS_RETURN_PATH = '/storefront/3d-secure/'

export interface MasterpassConfig {
  js: string
  client_id: string
  merchant_id: string
  s3d_return_url: string
}

/**
 * `GET /masterpass-js/`: from the POS named by the channel's active `masterpass` option
 * (`config.pos_slug`). `merchant_type: "custom"` empties `merchant_id`; not configured → 404.
 */
export async function masterpassConfig(db: Kysely<Database>, channelId: number): Promise<MasterpassConfig> {
  const slug = await optionPosSlug(db, channelId, 'masterpass')
  if (!slug) throw new NotFoundError()
  const pos = await db.selectFrom('pos').select(['config']).where('channel_id', '=', channelId).where('slug', '=', slug).executeTakeFirst()
  if (!pos) throw new NotFoundError()
  const config = openGatewayConfig(pos.config) as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
  const returnUrl = new URL(MASTERPASS_RETURN_PATH, `${publicOrigin() || 'http://localhost'}/`)
  returnUrl.searchParams.set('provider', 'masterpass')
  returnUrl.searchParams.set('pos', slug)
  return {
    js: text(config.sdk_url),
    client_id: text(config.client_id),
    merchant_id: config.merchant_type === 'custom' ? '' : text(config.merchant_id),
    s3d_return_url: returnUrl.toString(),
  }
}
