import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { auditEntry, changed, type Actor } from '@/lib/ledger/actor'
import { ConflictError, OverRefundError } from '@/lib/ledger/errors'
import { decimalToMinor, minorToDecimal, toMinor } from '@/lib/ledger/money'
import { receiptRemainingMinor, refundPayment } from '@/lib/ledger/refunds'
import { findOrderWithPayments } from './orders'
import type { OmPaymentRow } from './serialize'

type Fields = Record<string, string[]>

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The `params` object every OM body wraps its fields in. */
function paramsOf(body: unknown, allowed: string[]): Record<string, unknown> {
  if (!isObject(body) || !isObject(body.params)) throw new InvalidError({ params: ['This field is required and must be an object.'] })
  const unknown = Object.keys(body.params).filter((key) => !allowed.includes(key))
  if (unknown.length) throw new InvalidError(Object.fromEntries(unknown.map((key) => [key, ['Unknown field.']])))
  return body.params
}

function optionalString(params: Record<string, unknown>, name: string, max: number, errors: Fields): string | null | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') errors[name] = ['Must be a string.']
  else if (value.length > max) errors[name] = [`Ensure this field has no more than ${max} characters.`]
  else return value
  return undefined
}

function amountOf(params: Record<string, unknown>, errors: Fields, required: boolean): number | undefined {
  if (params.amount === undefined || params.amount === null) {
    if (required) errors.amount = ['This field is required.']
    return undefined
  }
  const minor = toMinor(params.amount)
  if (minor === null) errors.amount = ['Must be a number with at most 2 decimal places.']
  else if (minor <= 0) errors.amount = ['Must be greater than 0.']
  else return minor
  return undefined
}

async function checkMethod(trx: Transaction<Database>, value: unknown, channelId: number, errors: Fields): Promise<number | undefined> {
  const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : typeof value === 'number' && Number.isInteger(value) ? value : null
  const option = id === null ? undefined : await trx.selectFrom('payment_options').select('id').where('id', '=', id).where('channel_id', '=', channelId).executeTakeFirst()
  if (!option) {
    errors.methodId = ["Must be the id of a payment method of the order's sales channel."]
    return undefined
  }
  return option.id
}

/** A payment of the organization, locked; another organization's payment is simply not found. */
async function lockedPayment(trx: Transaction<Database>, organizationId: string | null, uid: string) {
  let query = trx
    .selectFrom('om_payments')
    .innerJoin('orders', 'orders.id', 'om_payments.order_id')
    .selectAll('om_payments')
    .select(['orders.organization_id', 'orders.channel_id'])
    .where('om_payments.id', '=', uid)
  if (organizationId !== null) query = query.where('orders.organization_id', '=', organizationId)
  const row = await query.forUpdate().executeTakeFirst()
  if (!row) throw new NotFoundError()
  return row
}

async function findLedgerPayment(trx: Transaction<Database>, paymentId: string) {
  return trx.selectFrom('ledger_payments').select(['id', 'status', 'amount', 'settled_amount']).where('payment_id', '=', paymentId).where('voided_at', 'is', null).executeTakeFirst()
}

export const CREATE_FIELDS = ['orderId', 'type', 'custom', 'amount', 'methodId', 'customerUid', 'status', 'sourcePaymentId', 'transactionRef', 'attrs', 'invoiceId', 'note']

/**
 * POST /v1/om/payments. A receipt is a record (custom) or names the ledger payment behind it
 * (`custom: false`, `transactionRef` = its payment_id). A refund takes a complete receipt of the same
 * order and never more than it has left: a gateway-backed one goes through the one refund service
 * (money moves, ledger refund written), a custom one is recorded under a lock on the receipt.
 */
export async function createOmPayment(db: Kysely<Database>, organizationId: string, body: unknown, actor: Actor): Promise<{ id: string }> {
  const params = paramsOf(body, CREATE_FIELDS)
  return db.transaction().execute(async (trx) => {
    const errors: Fields = {}
    if (typeof params.orderId !== 'string' || !params.orderId) throw new InvalidError({ orderId: ['This field is required.'] })
    const order = await trx.selectFrom('orders').select(['id', 'channel_id', 'customer_uid']).where('id', '=', params.orderId).where('organization_id', '=', organizationId).executeTakeFirst()
    if (!order) throw new NotFoundError('No such order in this organization.')
    const type = params.type ?? 'receipt'
    if (type !== 'receipt' && type !== 'refund') errors.type = ['Must be "receipt" or "refund".']
    const status = params.status ?? 'pending'
    if (status !== 'pending' && status !== 'complete') errors.status = ['Must be "pending" or "complete".']
    if (params.custom !== undefined && typeof params.custom !== 'boolean') errors.custom = ['Must be a boolean.']
    if (params.attrs !== undefined && params.attrs !== null && !isObject(params.attrs)) errors.attrs = ['Must be an object.']
    const amount = amountOf(params, errors, true)
    const customerUid = optionalString(params, 'customerUid', 64, errors)
    const transactionRef = optionalString(params, 'transactionRef', 255, errors)
    const invoiceId = optionalString(params, 'invoiceId', 255, errors)
    const note = optionalString(params, 'note', 2000, errors)
    const attrs = isObject(params.attrs) ? params.attrs : {}
    let methodId: number | undefined
    if (type === 'receipt' || params.methodId !== undefined) methodId = await checkMethod(trx, params.methodId, order.channel_id, errors)

    if (type === 'refund') {
      if (typeof params.sourcePaymentId !== 'string' || !params.sourcePaymentId) errors.sourcePaymentId = ['A refund needs the complete receipt it refunds.']
      if (Object.keys(errors).length) throw new InvalidError(errors)
      const source = await trx.selectFrom('om_payments').selectAll().where('id', '=', params.sourcePaymentId as string).where('order_id', '=', order.id).executeTakeFirst()
      if (!source || source.type !== 'receipt' || source.status !== 'complete')
        throw new InvalidError({ sourcePaymentId: ['Must be a complete receipt of the same order.'] })
      if (!source.custom && source.ledger_payment_id !== null) {
        // Money moves: the one refund service locks the ledger payment, then this receipt.
        const ledger = await trx.selectFrom('ledger_payments').select('payment_id').where('id', '=', source.ledger_payment_id).executeTakeFirstOrThrow()
        const outcome = await refundPayment(trx, {
          paymentId: ledger.payment_id,
          amountMinor: amount!,
          actor,
          om: { receiptId: source.id, note: note ?? null, attrs, invoiceId: invoiceId ?? null, customerUid: customerUid ?? null, methodId: methodId ?? null },
        })
        return { id: outcome.omPaymentId! }
      }
      const locked = await lockedPayment(trx, organizationId, source.id)
      const left = await receiptRemainingMinor(trx, locked.id, locked.amount)
      if (amount! > left) throw new OverRefundError(minorToDecimal(Math.max(left, 0)))
      return insertPayment(trx, actor, order.channel_id, {
        order_id: order.id,
        type: 'refund',
        status: status as 'pending' | 'complete',
        custom: true,
        amount: minorToDecimal(amount!),
        method_id: methodId ?? source.method_id,
        source_payment_id: source.id,
        customer_uid: customerUid ?? source.customer_uid,
        transaction_ref: transactionRef ?? null,
        attrs,
        invoice_id: invoiceId ?? null,
        note: note ?? null,
        ledger_payment_id: null,
      })
    }

    if (params.sourcePaymentId !== undefined && params.sourcePaymentId !== null) errors.sourcePaymentId = ['Only a refund has a source payment.']
    const custom = params.custom ?? true
    let ledgerPaymentId: number | null = null
    if (custom === false && !errors.transactionRef) {
      // A gateway-backed receipt names the ledger payment that took the money.
      const ledger = transactionRef ? await findLedgerPayment(trx, transactionRef) : undefined
      if (!ledger || ledger.status === 'error') {
        if (status === 'complete' || transactionRef) errors.transactionRef = ['Must be the payment_id of a successful ledger payment when custom is false.']
      } else {
        if (amount !== undefined && amount > decimalToMinor(ledger.settled_amount ?? ledger.amount)) errors.amount = ['Must not exceed the ledger payment it records.']
        const taken = await trx.selectFrom('om_payments').select('id').where('ledger_payment_id', '=', ledger.id).where('type', '=', 'receipt').where('status', '<>', 'reversed').executeTakeFirst()
        if (taken) errors.transactionRef = ['That ledger payment already backs a receipt.']
        ledgerPaymentId = ledger.id
      }
    }
    if (Object.keys(errors).length) throw new InvalidError(errors)
    return insertPayment(trx, actor, order.channel_id, {
      order_id: order.id,
      type: 'receipt',
      status: status as 'pending' | 'complete',
      custom: custom as boolean,
      amount: minorToDecimal(amount!),
      method_id: methodId ?? null,
      source_payment_id: null,
      customer_uid: customerUid ?? order.customer_uid,
      transaction_ref: transactionRef ?? null,
      attrs,
      invoice_id: invoiceId ?? null,
      note: note ?? null,
      ledger_payment_id: ledgerPaymentId,
    })
  })
}

type NewPayment = Omit<OmPaymentRow, 'seq' | 'id' | 'attrs' | 'ledger_refund_id' | 'completed_at' | 'reversed_at' | 'created_at' | 'created_via' | 'created_by' | 'updated_at' | 'updated_via' | 'updated_by'> & { attrs: Record<string, unknown> }

async function insertPayment(trx: Transaction<Database>, actor: Actor, channelId: number, values: NewPayment): Promise<{ id: string }> {
  const id = randomUUID()
  const row = await trx
    .insertInto('om_payments')
    .values({
      ...values,
      id,
      attrs: JSON.stringify(values.attrs),
      completed_at: values.status === 'complete' ? (sql`now()` as never) : null,
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
    recordId: row.seq,
    label: id,
    channelId,
    changes: changed(null, { order: values.order_id, type: values.type, status: values.status, custom: values.custom, amount: values.amount, source_payment_id: values.source_payment_id, transaction_ref: values.transaction_ref }),
  })
  return { id }
}

export const UPDATE_FIELDS = ['id', 'orderId', 'amount', 'methodId', 'custom', 'correction', 'customerUid', 'status', 'sourcePaymentId', 'transactionRef', 'attrs', 'note', 'invoiceId']

/**
 * PATCH /v1/om/payments/{uid}: a pending payment may change; a complete one only as a correction
 * (`correction: true`, recorded as such in the audit log), and never its money if a gateway moved it.
 */
export async function updateOmPayment(db: Kysely<Database>, organizationId: string | null, uid: string, body: unknown, actor: Actor): Promise<{ success: true }> {
  const params = paramsOf(body, UPDATE_FIELDS)
  return db.transaction().execute(async (trx) => {
    const row = await lockedPayment(trx, organizationId, uid)
    const errors: Fields = {}
    if (params.id !== undefined && params.id !== uid) errors.id = ['Must be the uid of the path.']
    if (params.orderId !== undefined && params.orderId !== row.order_id) errors.orderId = ['A payment cannot move to another order.']
    if (params.status !== undefined && params.status !== row.status) errors.status = ['Use PATCH /v1/om/payments/{uid}/confirm to complete a payment.']
    if (params.sourcePaymentId !== undefined && params.sourcePaymentId !== row.source_payment_id) errors.sourcePaymentId = ['The source payment cannot change.']
    if (params.correction !== undefined && typeof params.correction !== 'boolean') errors.correction = ['Must be a boolean.']
    if (params.custom !== undefined && typeof params.custom !== 'boolean') errors.custom = ['Must be a boolean.']
    if (params.attrs !== undefined && params.attrs !== null && !isObject(params.attrs)) errors.attrs = ['Must be an object.']
    const amount = amountOf(params, errors, false)
    const customerUid = optionalString(params, 'customerUid', 64, errors)
    const transactionRef = optionalString(params, 'transactionRef', 255, errors)
    const invoiceId = optionalString(params, 'invoiceId', 255, errors)
    const note = optionalString(params, 'note', 2000, errors)
    const methodId = params.methodId !== undefined ? await checkMethod(trx, params.methodId, row.channel_id, errors) : undefined
    if (Object.keys(errors).length) throw new InvalidError(errors)
    const correction = params.correction === true
    if (row.status === 'reversed') throw new ConflictError('A reversed payment cannot change.')
    if (row.status === 'complete' && !correction) throw new ConflictError('A complete payment changes only as a correction: send "correction": true.')
    const movesMoney = amount !== undefined || params.custom !== undefined || (transactionRef !== undefined && !row.custom)
    if (row.status === 'complete' && !row.custom && movesMoney) throw new ConflictError('A gateway-backed payment cannot be corrected in amount or kind; refund it instead.')
    if (amount !== undefined && row.type === 'refund' && row.source_payment_id) {
      const source = await lockedPayment(trx, organizationId, row.source_payment_id)
      const left = (await receiptRemainingMinor(trx, source.id, source.amount)) + decimalToMinor(row.amount)
      if (amount > left) throw new OverRefundError(minorToDecimal(left))
    }
    if (amount !== undefined && row.type === 'receipt') {
      const refunded = decimalToMinor(row.amount) - (await receiptRemainingMinor(trx, row.id, row.amount))
      if (amount < refunded) throw new ConflictError(`The receipt has ${minorToDecimal(refunded)} refunded; it cannot be less.`)
    }
    const set: Record<string, unknown> = {}
    if (amount !== undefined) set.amount = minorToDecimal(amount)
    if (methodId !== undefined) set.method_id = methodId
    if (params.custom !== undefined) set.custom = params.custom
    if (customerUid !== undefined) set.customer_uid = customerUid
    if (transactionRef !== undefined) set.transaction_ref = transactionRef
    if (invoiceId !== undefined) set.invoice_id = invoiceId
    if (note !== undefined) set.note = note
    if (params.attrs !== undefined) set.attrs = JSON.stringify(params.attrs ?? {})
    const before: Record<string, unknown> = {}
    for (const key of Object.keys(set)) before[key] = key === 'attrs' ? JSON.stringify(row.attrs) : (row as Record<string, unknown>)[key]
    if (!Object.keys(set).length) return { success: true as const }
    await trx
      .updateTable('om_payments')
      .set({ ...set, updated_at: sql`now()` as never, updated_via: actor.via, updated_by: actor.by })
      .where('seq', '=', row.seq)
      .execute()
    const changes = changed(before, set)
    if (row.status === 'complete') changes.correction = { before: null, after: true }
    await auditEntry(trx, actor, { action: 'update', resource: 'om_payments', recordId: row.seq, label: row.id, channelId: row.channel_id, changes })
    return { success: true as const }
  })
}

async function orderPayments(trx: Transaction<Database>, orderId: string) {
  const { items, paymentMethods } = await findOrderWithPayments(trx, null, orderId)
  return { items, paymentMethods }
}

export const CONFIRM_FIELDS = ['id', 'orderId', 'customerUid', 'transactionRef', 'attrs']

/** PATCH /v1/om/payments/{uid}/confirm: pending → complete; a second confirm is a 409. */
export async function confirmOmPayment(db: Kysely<Database>, organizationId: string | null, uid: string, body: unknown, actor: Actor) {
  const params = isObject(body) && body.params === undefined ? {} : paramsOf(body, CONFIRM_FIELDS)
  return db.transaction().execute(async (trx) => {
    const row = await lockedPayment(trx, organizationId, uid)
    const errors: Fields = {}
    if (params.id !== undefined && params.id !== uid) errors.id = ['Must be the uid of the path.']
    if (params.orderId !== undefined && params.orderId !== row.order_id) errors.orderId = ['Must be the order of the payment.']
    if (params.attrs !== undefined && params.attrs !== null && !isObject(params.attrs)) errors.attrs = ['Must be an object.']
    const customerUid = optionalString(params, 'customerUid', 64, errors)
    const transactionRef = optionalString(params, 'transactionRef', 255, errors)
    if (Object.keys(errors).length) throw new InvalidError(errors)
    if (row.status !== 'pending') throw new ConflictError(`The payment is already ${row.status}.`)
    const set: Record<string, unknown> = { status: 'complete', completed_at: sql`now()`, updated_at: sql`now()`, updated_via: actor.via, updated_by: actor.by }
    if (customerUid !== undefined) set.customer_uid = customerUid
    if (transactionRef !== undefined) set.transaction_ref = transactionRef
    if (isObject(params.attrs)) set.attrs = JSON.stringify(params.attrs)
    const ref = transactionRef ?? row.transaction_ref
    if (!row.custom && row.type === 'receipt' && ref && row.ledger_payment_id === null) {
      const ledger = await findLedgerPayment(trx, ref)
      if (ledger && ledger.status !== 'error') set.ledger_payment_id = ledger.id
    }
    await trx.updateTable('om_payments').set(set as never).where('seq', '=', row.seq).execute()
    await auditEntry(trx, actor, {
      action: 'update',
      resource: 'om_payments',
      recordId: row.seq,
      label: row.id,
      channelId: row.channel_id,
      changes: changed({ status: row.status, transaction_ref: row.transaction_ref }, { status: 'complete', transaction_ref: ref ?? null }),
    })
    return orderPayments(trx, row.order_id)
  })
}

/** DELETE /v1/om/payments/{uid}: pending or custom payments only (a gateway-backed complete one is refunded instead). */
export async function deleteOmPayment(db: Kysely<Database>, organizationId: string | null, uid: string, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const row = await lockedPayment(trx, organizationId, uid)
    if (row.status === 'reversed') throw new ConflictError('A reversed payment cannot be deleted.')
    if (row.status === 'complete' && !row.custom) throw new ConflictError('A complete gateway-backed payment cannot be deleted; refund it instead.')
    const refunds = await trx.selectFrom('om_payments').select('id').where('source_payment_id', '=', row.id).executeTakeFirst()
    if (refunds) throw new ConflictError('The payment has refunds; delete them first.')
    await trx.deleteFrom('om_payments').where('seq', '=', row.seq).execute()
    await auditEntry(trx, actor, {
      action: 'delete',
      resource: 'om_payments',
      recordId: row.seq,
      label: row.id,
      channelId: row.channel_id,
      changes: changed({ type: row.type, status: row.status, amount: row.amount, custom: row.custom }, { type: null, status: null, amount: null, custom: null }),
    })
    return orderPayments(trx, row.order_id)
  })
}
