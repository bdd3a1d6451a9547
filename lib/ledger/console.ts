import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { firstParam, pageParams, type SearchParamsRecord } from '@/lib/console/params'
import type { ListState } from '@/lib/console/table-spec'
import { LedgerValidationError } from './errors'
import { parsePaymentFilters, type PaymentFilters } from './filters'
import { decimalToMinor, minorToDecimal } from './money'
import { dailyVolume, filtered, keysetBatches, paymentTotals, STREAM_BATCH } from './payments'

/** The console table's URL → the API's filters; a date-only upper bound covers that whole day (UTC). */
export function consoleFilters(params: SearchParamsRecord): { filters: PaymentFilters; error?: string } {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    const first = firstParam(value)
    if (first) search.set(key, /_lte$/.test(key) && /^\d{4}-\d{2}-\d{2}$/.test(first) && key.endsWith('at_lte') ? `${first}T23:59:59.999999Z` : first)
  }
  try {
    return { filters: parsePaymentFilters(search, { paging: false }) }
  } catch (error) {
    if (error instanceof LedgerValidationError)
      return { filters: {}, error: Object.entries(error.fields).map(([field, messages]) => `${field}: ${(messages as string[]).join(' ')}`).join(' ') }
    throw error
  }
}

/** One page of the Transactions table (newest first) with the totals and the chart of the same filter. */
export async function transactionsView(db: Kysely<Database>, params: SearchParamsRecord) {
  const { filters, error } = consoleFilters(params)
  const { page, limit } = pageParams(params)
  const [rows, totals, volume] = await Promise.all([
    // Newest first by when they were taken, as the Created column reads (ids follow insertion, not time).
    filtered(db.selectFrom('ledger_payments').selectAll(), filters)
      .orderBy('ledger_payments.created_at', 'desc')
      .orderBy('ledger_payments.id', 'desc')
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    paymentTotals(db, filters),
    dailyVolume(db, filters),
  ])
  const list: ListState = {
    rows: rows.map((row) => ({
      pk: row.payment_id,
      payment_id: row.payment_id,
      short_id: `${row.payment_id.slice(0, 12)}…`,
      created_at: row.created_at,
      amount: minorToDecimal(decimalToMinor(row.amount)),
      refunded: minorToDecimal(decimalToMinor(row.refunded_amount)),
      payment_method: row.payment_method,
      status: row.status,
      settled_amount: row.settled_amount,
      settled_at: row.settled_at,
      card: typeof row.additional_params.number === 'string' ? row.additional_params.number : typeof row.additional_params.phone === 'string' ? row.additional_params.phone : '',
      created_by: row.created_by || row.created_via,
    })),
    count: totals.count,
    page,
    limit,
    ordering: '',
    error,
  }
  return { list, totals, volume }
}

export const EXPORT_HEADER = ['payment_id', 'created_at', 'amount', 'refunded_amount', 'payment_method', 'status', 'settled_amount', 'settled_at', 'card_or_phone', 'holder', 'created_via', 'created_by']

/** The filtered ledger as CSV rows, oldest first, in keyset batches (constant memory, like the API list). */
export async function* exportRows(db: Kysely<Database>, filters: PaymentFilters): AsyncGenerator<unknown[][]> {
  const batches = keysetBatches((after) => filtered(db.selectFrom('ledger_payments').selectAll(), filters).where('ledger_payments.id', '>', after).orderBy('ledger_payments.id').limit(STREAM_BATCH).execute())
  for await (const rows of batches)
    yield rows.map((row) => [
      row.payment_id,
      row.created_at,
      row.amount,
      row.refunded_amount,
      row.payment_method,
      row.status,
      row.settled_amount,
      row.settled_at,
      row.additional_params.number ?? row.additional_params.phone ?? '',
      row.additional_params.name ?? '',
      row.created_via,
      row.created_by,
    ])
}

/** A payment for its console page: the row, its refunds, and the order receipt it backs (if any). */
export async function transactionDetail(db: Kysely<Database>, paymentId: string) {
  const payment = await db.selectFrom('ledger_payments').selectAll().where('payment_id', '=', paymentId).where('voided_at', 'is', null).executeTakeFirst()
  if (!payment) return null
  const [refunds, receipt] = await Promise.all([
    db.selectFrom('ledger_refunds').selectAll().where('payment_id', '=', payment.id).orderBy('id').execute(),
    db
      .selectFrom('om_payments')
      .innerJoin('orders', 'orders.id', 'om_payments.order_id')
      .select(['orders.id as order_id', 'orders.number', 'om_payments.status'])
      .where('om_payments.ledger_payment_id', '=', payment.id)
      .where('om_payments.type', '=', 'receipt')
      .executeTakeFirst(),
  ])
  const cap = decimalToMinor(payment.settled_amount ?? payment.amount)
  const left = payment.status === 'error' ? 0 : cap - decimalToMinor(payment.refunded_amount)
  return { payment, refunds, receipt: receipt ?? null, remaining: minorToDecimal(left) }
}
