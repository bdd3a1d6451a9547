import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { hashToken } from '../../lib/auth/users-hash'
import { decimalToMinor, minorToDecimal } from '../../lib/ledger/money'
import type { Database } from '../types'

/**
 * Organizations, OM api-keys and the demo orders with their payments and the ledger rows behind them.
 * Everything is deterministic (ids from a hash of the order number) and idempotent.
 */
export function seedOrganizationId(env: NodeJS.ProcessEnv = process.env): string {
  return env.SEED_OM_ORGANIZATION_ID || 'demo'
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

/** A deterministic id in the ledger's style (upper-case letters). */
function letters(seed: string, length: number): string {
  const hex = digest(seed).repeat(3)
  return Array.from({ length }, (_, index) => String.fromCharCode(65 + (Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16) % 26))).join('')
}

function uuidOf(seed: string): string {
  const hex = digest(seed)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The organization and, when the variables are set, its seeded api-key and a second (empty) organization's. */
export async function seedOrganizations(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env) {
  const organizationId = seedOrganizationId(env)
  await db.insertInto('organizations').values({ id: organizationId, name: 'Demo Organization' }).onConflict((c) => c.column('id').doNothing()).execute()
  const keys: [string | undefined, string, string][] = [[env.SEED_OM_API_KEY, organizationId, 'SEED_OM_API_KEY']]
  if (env.SEED_OM_EXTRA_API_KEY) {
    // A second organization with no channels: isolation checks and demos of a multi-organization merchant.
    const extra = env.SEED_OM_EXTRA_ORGANIZATION_ID || 'other'
    await db.insertInto('organizations').values({ id: extra, name: 'Other Organization' }).onConflict((c) => c.column('id').doNothing()).execute()
    keys.push([env.SEED_OM_EXTRA_API_KEY, extra, 'SEED_OM_EXTRA_API_KEY'])
  }
  for (const [key, organization, name] of keys) {
    if (!key) continue
    await db
      .insertInto('om_api_keys')
      .values({ name, key_hash: hashToken(key), prefix: key.slice(0, 8), organization_id: organization })
      .onConflict((c) => c.column('key_hash').doNothing())
      .execute()
  }
  return organizationId
}

type Plan = 'gateway' | 'settled' | 'partial_refund' | 'full_refund' | 'pending_transfer' | 'partial_custom' | 'pending_gateway' | 'transfer_paid' | 'overpaid'

const PLANS: Plan[] = [
  'gateway', 'gateway', 'gateway', 'gateway', 'settled', 'settled', 'settled', 'partial_refund', 'partial_refund', 'full_refund',
  'full_refund', 'pending_transfer', 'pending_transfer', 'partial_custom', 'partial_custom', 'pending_gateway', 'transfer_paid', 'transfer_paid', 'overpaid', 'gateway',
]
const TOTALS = ['149.90', '1249.00', '89.50', '2350.00', '499.99', '75.00', '1020.40', '310.00', '640.25', '199.00', '45.90', '780.00', '1500.00', '260.00', '99.99', '3400.00', '120.00', '58.75', '410.00', '905.10']
const CARDS = [
  { number: '411111******1111', name: 'Ayşe Yılmaz' },
  { number: '555555******4444', name: 'Mehmet Demir' },
]

/** Twenty orders of the organization's first channel, with receipts, refunds and the ledger rows behind them. */
export async function seedDemoOrders(db: Kysely<Database>, organizationId: string, channelIds: number[]) {
  if (!channelIds.length) return
  await db.updateTable('channels').set({ organization_id: organizationId }).where('id', 'in', channelIds).where('organization_id', 'is', null).execute()
  const channelId = channelIds[0]
  const options = await db.selectFrom('payment_options').select(['id', 'slug']).where('channel_id', '=', channelId).execute()
  const optionId = (slug: string) => options.find((option) => option.slug === slug)?.id ?? null
  const pos = await db.selectFrom('pos').select('id').where('channel_id', '=', channelId).where('slug', '=', 'dummypay').executeTakeFirst()
  for (const [index, plan] of PLANS.entries()) {
    const number = `DEMO-${1001 + index}`
    const orderId = uuidOf(`order:${number}`)
    const total = TOTALS[index]
    const daysAgo = 19 - index
    const at = sql<string>`now() - make_interval(days => ${daysAgo}, hours => ${index % 7})`
    const exists = await db.selectFrom('orders').select('id').where('id', '=', orderId).executeTakeFirst()
    if (exists) continue
    const customer = `customer-${(index % 6) + 1}`
    await db
      .insertInto('orders')
      .values({ id: orderId, number, organization_id: organizationId, channel_id: channelId, customer_uid: customer, currency: 'TRY', total, created_at: at as never })
      .execute()
    const payment = (suffix: string, values: Partial<Record<string, unknown>>) =>
      db
        .insertInto('om_payments')
        .values({
          id: uuidOf(`payment:${number}:${suffix}`),
          order_id: orderId,
          type: 'receipt',
          status: 'complete',
          custom: true,
          amount: total,
          method_id: optionId('credit_card'),
          customer_uid: customer,
          attrs: '{}',
          completed_at: at as never,
          created_at: at as never,
          updated_at: at as never,
          created_via: 'system',
          created_by: 'system',
          updated_via: 'system',
          updated_by: 'system',
          ...values,
        } as never)
        .returning(['id'])
        .executeTakeFirstOrThrow()
    if (plan === 'pending_transfer') {
      await payment('r1', { status: 'pending', completed_at: null, method_id: optionId('funds_transfer'), note: 'Awaiting the bank transfer.' })
      continue
    }
    if (plan === 'transfer_paid' || plan === 'partial_custom' || plan === 'overpaid') {
      const half = plan === 'partial_custom' ? minorToDecimal(Math.floor(decimalToMinor(total) / 2)) : total
      await payment('r1', { method_id: optionId('funds_transfer'), amount: half, transaction_ref: `EFT-${number}` })
      if (plan === 'overpaid') await payment('r2', { method_id: optionId('pay_on_delivery'), amount: '14.90', note: 'Delivery fee paid twice.' })
      continue
    }
    if (plan === 'pending_gateway') {
      await payment('r1', { status: 'pending', completed_at: null, custom: false, note: 'Waiting for 3-D Secure.' })
      continue
    }
    const paymentId = letters(`ledger:${number}`, 40)
    const settled = plan === 'settled'
    const card = CARDS[index % 2]
    const ledger = await db
      .insertInto('ledger_payments')
      .values({
        payment_id: paymentId,
        amount: total,
        payment_method: 'credit_card',
        status: settled ? 'settled' : 'success',
        settled_amount: settled ? total : null,
        settled_at: settled ? (sql`now() - make_interval(days => ${Math.max(daysAgo - 1, 0)})` as never) : null,
        channel_id: channelId,
        pos_id: pos?.id ?? null,
        gateway_transaction_id: `dp_${digest('tx', paymentId).slice(0, 24)}`,
        additional_params: JSON.stringify({ payment: paymentId, amount: total, method: 'credit_card', number: card.number, name: card.name, expiration_month: '05', expiration_year: '2028' }),
        created_via: 'storefront',
        created_by: 'system',
        created_at: at as never,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    const receipt = await payment('r1', { custom: false, transaction_ref: paymentId, ledger_payment_id: ledger.id, created_via: 'storefront', updated_via: 'storefront' })
    if (plan === 'partial_refund' || plan === 'full_refund') {
      const amount = plan === 'full_refund' ? total : '50.00'
      const refundId = letters(`refund:${number}`, 40)
      const refund = await db
        .insertInto('ledger_refunds')
        .values({ refund_id: refundId, payment_id: ledger.id, amount, gateway_transaction_id: `dp_rf_${digest('rf', refundId).slice(0, 24)}`, created_via: 'console', created_by: 'admin@example.com', created_at: sql`now() - make_interval(days => ${Math.max(daysAgo - 1, 0)})` as never })
        .returning(['id'])
        .executeTakeFirstOrThrow()
      await db.updateTable('ledger_payments').set({ refunded_amount: amount }).where('id', '=', ledger.id).execute()
      await payment('f1', { type: 'refund', custom: false, amount, source_payment_id: receipt.id, transaction_ref: refundId, ledger_refund_id: refund.id, created_via: 'console', created_by: 'admin@example.com', updated_via: 'console', updated_by: 'admin@example.com' })
    }
  }
  // A few ledger payments with no order behind them: declines and MB WAY, so every status shows.
  const standalone = [
    { key: 'declined-1', amount: '320.00', method: 'credit_card' as const, status: 'error' as const, params: { number: '400000******0002', name: 'Test Decline', expiration_month: '05', expiration_year: '2028' } },
    { key: 'declined-2', amount: '75.50', method: 'credit_card' as const, status: 'error' as const, params: { number: '400000******0002', name: 'Test Decline', expiration_month: '11', expiration_year: '2027' } },
    { key: 'mbway-1', amount: '42.00', method: 'mbway' as const, status: 'success' as const, params: { phone: '*********1234' } },
  ]
  for (const [index, entry] of standalone.entries()) {
    const paymentId = letters(`ledger:standalone:${entry.key}`, 40)
    await db
      .insertInto('ledger_payments')
      .values({
        payment_id: paymentId,
        amount: entry.amount,
        payment_method: entry.method,
        status: entry.status,
        channel_id: channelId,
        pos_id: pos?.id ?? null,
        gateway_transaction_id: entry.status === 'error' ? null : `dp_${digest('tx', paymentId).slice(0, 24)}`,
        error_code: entry.status === 'error' ? 'card_declined' : null,
        error_message: entry.status === 'error' ? 'The card was declined by the issuer.' : null,
        additional_params: JSON.stringify({ payment: paymentId, amount: entry.amount, method: entry.method, ...entry.params }),
        created_at: sql`now() - make_interval(days => ${index * 3 + 1})` as never,
      })
      .onConflict((c) => c.column('payment_id').doNothing())
      .execute()
  }
}
