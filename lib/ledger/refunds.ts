import { randomBytes, randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import { readSelect } from '@/db/connection'
import type { Database } from '@/db/types'
import type { LedgerRefundTable } from '@/db/tables/ledger'
import { NotFoundError } from '@/lib/http/errors'
import { auditEntry, changed, type Actor } from './actor'
import { ConflictError, GatewayRefusedError, LedgerValidationError, OverRefundError } from './errors'
import { posClient } from './gateway'
import { decimalToMinor, minorToDecimal, money, toMinor } from './money'
import { findPayment, keysetBatches, STREAM_BATCH, type LedgerPaymentRow } from './payments'

export type LedgerRefundRow = Selectable<LedgerRefundTable>

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** A refund_id in the spec's style (letters and digits), 40 of them. */
export function newRefundId(): string {
  return Array.from(randomBytes(40), (byte) => ALNUM[byte % 62]).join('')
}

export function refundItem(row: LedgerRefundRow & { payment_ref: string }) {
  return { refund_id: row.refund_id, payment_id: row.payment_ref, amount: money(decimalToMinor(row.amount)) }
}

/** What is left of an order receipt: its amount less its pending and complete refunds (reversed ones gave back). */
export async function receiptRemainingMinor(trx: Transaction<Database>, receiptId: string, receiptAmount: string): Promise<number> {
  const row = await trx
    .selectFrom('om_payments')
    .select(sql<string>`coalesce(sum(amount), 0)`.as('refunded'))
    .where('source_payment_id', '=', receiptId)
    .where('type', '=', 'refund')
    .where('status', 'in', ['pending', 'complete'])
    .executeTakeFirstOrThrow()
  return decimalToMinor(receiptAmount) - decimalToMinor(String(row.refunded))
}

export interface RefundRequest {
  /** The ledger payment's `payment_id`. */
  paymentId: string
  amountMinor: number
  actor: Actor
  /** Fields of the OM refund payment when the refund came through order management. */
  om?: { receiptId: string; note?: string | null; attrs?: Record<string, unknown>; invoiceId?: string | null; customerUid?: string | null; methodId?: number | null }
}

export interface RefundOutcome {
  refund: LedgerRefundRow
  payment: LedgerPaymentRow
  omPaymentId: string | null
}

/**
 * THE refund: every door (POST /api/refunds, an OM refund of a gateway-backed receipt, the console)
 * comes here, inside the caller's transaction. Under a row lock on the ledger payment (and on the order
 * receipt it backs) it checks what is left, refunds at the gateway, writes the ledger refund, the OM
 * refund payment when the payment backs an order receipt, and the audit entries. Concurrent refunds of
 * one payment queue on the lock, so the total can never pass the paid (or settled) amount.
 */
export async function refundPayment(trx: Transaction<Database>, request: RefundRequest): Promise<RefundOutcome> {
  const { actor } = request
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0) throw new LedgerValidationError({ amount: ['Ensure this value is greater than 0.'] })
  const payment = await findPayment(trx, request.paymentId, { lock: true })
  if (payment.status === 'error') throw new LedgerValidationError({ payment_id: ['The gateway declined this payment: there is nothing to refund.'] })
  const cap = decimalToMinor(payment.settled_amount ?? payment.amount)
  const left = cap - decimalToMinor(payment.refunded_amount)
  if (request.amountMinor > left) throw new OverRefundError(minorToDecimal(left))

  const receipt = await trx
    .selectFrom('om_payments')
    .innerJoin('orders', 'orders.id', 'om_payments.order_id')
    .select(['om_payments.seq', 'om_payments.id', 'om_payments.order_id', 'om_payments.amount', 'om_payments.method_id', 'om_payments.customer_uid', 'orders.channel_id'])
    .where('om_payments.ledger_payment_id', '=', payment.id)
    .where('om_payments.type', '=', 'receipt')
    .where('om_payments.status', '=', 'complete')
    .orderBy('om_payments.seq')
    .forUpdate()
    .executeTakeFirst()
  if (request.om && receipt?.id !== request.om.receiptId) throw new ConflictError('The receipt is not backed by this gateway payment.')
  if (receipt) {
    const receiptLeft = await receiptRemainingMinor(trx, receipt.id, receipt.amount)
    if (request.amountMinor > receiptLeft) throw new OverRefundError(minorToDecimal(Math.max(receiptLeft, 0)))
  }

  const amount = minorToDecimal(request.amountMinor)
  let gatewayTransactionId: string | null = null
  if (payment.pos_id !== null && payment.gateway_transaction_id) {
    const client = await posClient(trx, payment.pos_id)
    const result = await client.refund({ transactionId: payment.gateway_transaction_id, amount, currency: payment.currency })
    if (result.status !== 'approved') throw new GatewayRefusedError(result.message)
    gatewayTransactionId = result.transactionId
  }

  const refund = await trx
    .insertInto('ledger_refunds')
    .values({ refund_id: newRefundId(), payment_id: payment.id, amount, gateway_transaction_id: gatewayTransactionId, created_via: actor.via, created_by: actor.by })
    .returningAll()
    .executeTakeFirstOrThrow()
  const updated = await trx
    .updateTable('ledger_payments')
    .set({ refunded_amount: sql`refunded_amount + ${amount}::numeric` as never })
    .where('id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await auditEntry(trx, actor, {
    action: 'create',
    resource: 'ledger_refunds',
    recordId: refund.id,
    label: `${refund.refund_id.slice(0, 12)}… of ${payment.payment_id.slice(0, 12)}…`,
    channelId: payment.channel_id,
    changes: changed(null, { payment_id: payment.payment_id, amount, refunded_total: updated.refunded_amount }),
  })

  let omPaymentId: string | null = null
  if (receipt) {
    omPaymentId = randomUUID()
    const om = request.om
    const inserted = await trx
      .insertInto('om_payments')
      .values({
        id: omPaymentId,
        order_id: receipt.order_id,
        type: 'refund',
        status: 'complete',
        custom: false,
        amount,
        method_id: om?.methodId ?? receipt.method_id,
        source_payment_id: receipt.id,
        customer_uid: om?.customerUid ?? receipt.customer_uid,
        transaction_ref: refund.refund_id,
        attrs: JSON.stringify(om?.attrs ?? {}),
        invoice_id: om?.invoiceId ?? null,
        note: om?.note ?? null,
        ledger_refund_id: refund.id,
        completed_at: sql`now()` as never,
        created_via: actor.via,
        created_by: actor.by,
        updated_via: actor.via,
        updated_by: actor.by,
      })
      .returning(['seq'])
      .executeTakeFirstOrThrow()
    await auditEntry(trx, actor, {
      action: 'create',
      resource: 'om_payments',
      recordId: inserted.seq,
      label: omPaymentId,
      channelId: receipt.channel_id,
      changes: changed(null, { type: 'refund', status: 'complete', amount, source_payment_id: receipt.id, transaction_ref: refund.refund_id }),
    })
  }
  return { refund, payment: updated, omPaymentId }
}

/** POST /api/refunds `{payment_id, amount}`: the ledger door of the refund service. */
export async function createRefund(db: Kysely<Database>, body: unknown, actor: Actor): Promise<LedgerRefundRow & { payment_ref: string }> {
  const errors: Record<string, string[]> = {}
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  if (!input) throw new LedgerValidationError({ non_field_errors: ['Invalid data. Expected a dictionary, but got a different type.'] })
  if (input.payment_id === undefined || input.payment_id === null || input.payment_id === '') errors.payment_id = ['This field is required.']
  else if (typeof input.payment_id !== 'string' || input.payment_id.length > 64) errors.payment_id = ['Not a valid payment_id.']
  const amountMinor = input.amount === undefined || input.amount === null ? null : toMinor(input.amount)
  if (input.amount === undefined || input.amount === null) errors.amount = ['This field is required.']
  else if (amountMinor === null) errors.amount = ['A valid number with at most 2 decimal places is required.']
  else if (amountMinor <= 0) errors.amount = ['Ensure this value is greater than 0.']
  if (Object.keys(errors).length) throw new LedgerValidationError(errors)
  const paymentId = input.payment_id as string
  try {
    const outcome = await db.transaction().execute((trx) => refundPayment(trx, { paymentId, amountMinor: amountMinor!, actor }))
    return { ...outcome.refund, payment_ref: paymentId }
  } catch (error) {
    // The refunded payment is a field of the body here, not the path: an unknown one is a field error.
    if (error instanceof NotFoundError) throw new LedgerValidationError({ payment_id: [`Invalid payment_id "${paymentId}" - object does not exist.`] })
    throw error
  }
}

export function refundsQuery(db: Kysely<Database>, filters: { payment_id?: string; refund_id?: string }) {
  let query = db
    .selectFrom('ledger_refunds')
    .innerJoin('ledger_payments', 'ledger_payments.id', 'ledger_refunds.payment_id')
    .selectAll('ledger_refunds')
    .select('ledger_payments.payment_id as payment_ref')
  if (filters.payment_id) query = query.where('ledger_payments.payment_id', '=', filters.payment_id)
  if (filters.refund_id) query = query.where('ledger_refunds.refund_id', '=', filters.refund_id)
  return query
}

/** Refunds in keyset batches, like the payment list (constant memory). */
export function streamRefunds(db: Kysely<Database>, filters: { payment_id?: string; refund_id?: string }) {
  return keysetBatches((after) => readSelect(db, refundsQuery(db, filters).where('ledger_refunds.id', '>', after).orderBy('ledger_refunds.id').limit(STREAM_BATCH)))
}

export async function getRefund(db: Kysely<Database>, refundId: string) {
  const row = await refundsQuery(db, { refund_id: refundId }).executeTakeFirst()
  if (!row) throw new NotFoundError()
  return row
}
