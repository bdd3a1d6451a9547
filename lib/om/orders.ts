import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely'
import { readSelect } from '@/db/connection'
import type { Database } from '@/db/types'
import { NotFoundError } from '@/lib/http/errors'
import { decimalToMinor, money } from '@/lib/ledger/money'
import { isoMillis } from '@/lib/ledger/payments'
import { omPaymentItem, type OmPaymentRow } from './serialize'

type Handle = Kysely<Database> | Transaction<Database>

export const PAYMENT_STATUSES = ['not_paid', 'partially_paid', 'paid', 'overpaid', 'partially_refunded', 'refunded'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** Derived, never stored: what complete receipts and refunds say about the order total. */
export function paymentStatusOf(totalMinor: number, paidMinor: number, refundedMinor: number): PaymentStatus {
  if (refundedMinor > 0) return refundedMinor >= paidMinor ? 'refunded' : 'partially_refunded'
  if (paidMinor === 0) return 'not_paid'
  if (paidMinor < totalMinor) return 'partially_paid'
  return paidMinor === totalMinor ? 'paid' : 'overpaid'
}

const PAID = sql<string>`coalesce(sum(om_payments.amount) filter (where om_payments.type = 'receipt' and om_payments.status = 'complete'), 0)`
const REFUNDED = sql<string>`coalesce(sum(om_payments.amount) filter (where om_payments.type = 'refund' and om_payments.status = 'complete'), 0)`
/** paymentStatusOf in SQL, so a status filter pages and counts in the database (kept equal by a test). */
const PAYMENT_STATUS = sql<PaymentStatus>`case when ${REFUNDED} > 0 then case when ${REFUNDED} >= ${PAID} then 'refunded' else 'partially_refunded' end
  when ${PAID} = 0 then 'not_paid' when ${PAID} < orders.total then 'partially_paid' when ${PAID} = orders.total then 'paid' else 'overpaid' end`

function ordersWithAmounts(db: Handle) {
  return db
    .selectFrom('orders')
    .leftJoin('om_payments', 'om_payments.order_id', 'orders.id')
    .select([
      'orders.seq',
      'orders.id',
      'orders.number',
      'orders.customer_uid',
      'orders.currency',
      'orders.total',
      'orders.created_at',
      'orders.channel_id',
      'orders.organization_id',
      PAID.as('paid'),
      REFUNDED.as('refunded'),
    ])
    .groupBy('orders.seq')
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof ordersWithAmounts>['executeTakeFirstOrThrow']>>

export function orderItem(row: OrderRow) {
  const total = decimalToMinor(row.total)
  const paid = decimalToMinor(String(row.paid))
  const refunded = decimalToMinor(String(row.refunded))
  return {
    id: row.id,
    number: row.number,
    customerUid: row.customer_uid,
    currency: row.currency,
    total: money(total),
    paidAmount: money(paid),
    refundedAmount: money(refunded),
    paymentStatus: paymentStatusOf(total, paid, refunded),
    createdAt: isoMillis(row.created_at),
  }
}

/**
 * Orders of an organization (all of them for console users when `organizationId` is null), newest
 * first; `search` matches the number (part) or the customer, `status` the derived payment status.
 */
export async function listOrders(db: Handle, organizationId: string | null, page: { limit: number; offset: number; status?: PaymentStatus; search?: string }) {
  let query = ordersWithAmounts(db)
  if (organizationId !== null) query = query.where('orders.organization_id', '=', organizationId)
  const search = page.search
  const matchesSearch = (eb: ExpressionBuilder<Database, 'orders'>) => eb.or([eb('orders.number', 'ilike', `%${search!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('orders.customer_uid', '=', search!)])
  if (search) query = query.where(matchesSearch)
  if (page.status) query = query.having(PAYMENT_STATUS, '=', page.status)
  // Without a status filter the count needs no join: the orders alone.
  let base = db.selectFrom('orders')
  if (organizationId !== null) base = base.where('orders.organization_id', '=', organizationId)
  if (search) base = base.where(matchesSearch)
  const counting = page.status
    ? db.selectFrom(query.clearSelect().select('orders.seq').as('matched')).select(sql<number>`count(*)`.as('count'))
    : base.select(sql<number>`count(*)`.as('count'))
  const [rows, count] = await Promise.all([
    query.orderBy('orders.created_at', 'desc').orderBy('orders.seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    counting.executeTakeFirstOrThrow(),
  ])
  return { count: Number(count.count), items: rows.map(orderItem), rows }
}

/** What the order read takes of a payment option (as JSON from the database: timestamps ISO text). */
interface PaymentOptionRow {
  id: number
  name: string
  is_active: boolean
  translations: Record<string, unknown> | null
  created_date: string
  modified_date: string
}

/** The payment options of a channel as OM payment methods (locales from translations, visible from is_active). */
function paymentMethodItems(options: PaymentOptionRow[]) {
  return options.map((option) => {
    const locales: Record<string, { name: string; description: string }> = {}
    for (const [language, fields] of Object.entries(option.translations ?? {})) {
      if (typeof fields !== 'object' || fields === null) continue
      const entry = fields as Record<string, unknown>
      locales[language] = { name: typeof entry.name === 'string' ? entry.name : option.name, description: typeof entry.description === 'string' ? entry.description : '' }
    }
    if (!Object.keys(locales).length) locales.en = { name: option.name, description: '' }
    return {
      locales,
      visible: option.is_active,
      createdAt: isoMillis(option.created_date),
      createdVia: 'console',
      createdBy: 'system',
      updatedAt: isoMillis(option.modified_date),
      updatedVia: 'console',
      updatedBy: 'system',
      id: String(option.id),
    }
  })
}

/** An order's payments (oldest first) with what each may do next, and the minor units refunded of each receipt, by its id. */
function paymentItems(rows: OmPaymentRow[]) {
  const refundedBySource = new Map<string, number>()
  for (const row of rows)
    if (row.type === 'refund' && row.source_payment_id && row.status !== 'reversed')
      refundedBySource.set(row.source_payment_id, (refundedBySource.get(row.source_payment_id) ?? 0) + decimalToMinor(row.amount))
  return { items: rows.map((row) => omPaymentItem(row, refundedBySource.get(row.id) ?? 0)), refundedBySource }
}

// The order's payments and its channel's options, as JSON arrays read with the order (one statement, one round
// trip: decision 026). Amounts are cast to text inside the JSON, so they stay exact decimals, not JSON numbers.
const PAYMENTS_JSON = sql<OmPaymentRow[]>`(select coalesce(jsonb_agg(to_jsonb(p) || jsonb_build_object('amount', p.amount::text) order by p.seq), '[]')
  from om_payments as p where p.order_id = orders.id)`
const PAYMENT_OPTIONS_JSON = sql<PaymentOptionRow[]>`(select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'is_active', o.is_active,
  'translations', o.translations, 'created_date', o.created_date, 'modified_date', o.modified_date) order by o.sort_order, o.id), '[]')
  from payment_options as o where o.channel_id = orders.channel_id)`

/**
 * One order of the organization (any for console users) with its payments (oldest first, with what each may
 * do next) and its channel's payment methods, in one statement; another organization's order is not found.
 */
export async function findOrderWithPayments(db: Handle, organizationId: string | null, orderId: string) {
  let query = ordersWithAmounts(db).select([PAYMENTS_JSON.as('payments'), PAYMENT_OPTIONS_JSON.as('payment_options')]).where('orders.id', '=', orderId)
  if (organizationId !== null) query = query.where('orders.organization_id', '=', organizationId)
  const [row] = await readSelect(db, query)
  if (!row) throw new NotFoundError()
  return { row, ...paymentItems(row.payments), paymentMethods: paymentMethodItems(row.payment_options) }
}

/** `GET /v1/om/orders/{id}`: the order, its payments and its channel's payment methods. */
export async function orderDetail(db: Handle, organizationId: string | null, orderId: string) {
  const { row, items, paymentMethods } = await findOrderWithPayments(db, organizationId, orderId)
  return { ...orderItem(row), items, paymentMethods }
}
