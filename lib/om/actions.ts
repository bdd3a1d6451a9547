'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db'
import { requireActionUser } from '@/lib/auth/current'
import { AppError, InvalidError } from '@/lib/http/errors'
import { actorOf } from '@/lib/ledger/actor'
import { LedgerValidationError } from '@/lib/ledger/errors'
import { confirmOmPayment, createOmPayment, deleteOmPayment } from './payments'

export type OmActionResult = { ok: true; message: string } | { ok: false; error: string }

function failure(error: unknown): OmActionResult {
  if (!(error instanceof AppError)) throw error
  if (error instanceof InvalidError || error instanceof LedgerValidationError)
    return { ok: false, error: Object.values(error.fields).flatMap((messages) => (Array.isArray(messages) ? messages : Object.values(messages).flat())).join(' ') }
  return { ok: false, error: error.message === 'Not found.' ? 'This payment no longer exists.' : error.message }
}

async function consoleActor() {
  const user = await requireActionUser({ write: true })
  return actorOf({ ...user, via: 'console' })
}

/** Confirms a pending order payment (the console acts for every organization). */
export async function confirmOrderPaymentAction(uid: unknown): Promise<OmActionResult> {
  try {
    const actor = await consoleActor()
    if (typeof uid !== 'string') return { ok: false, error: 'Unknown payment.' }
    await confirmOmPayment(await getDb(), null, uid, {}, actor)
    revalidatePath('/order-payments')
    return { ok: true, message: 'Payment confirmed.' }
  } catch (error) {
    return failure(error)
  }
}

/** Deletes a pending (or hand-recorded) order payment. */
export async function deleteOrderPaymentAction(uid: unknown): Promise<OmActionResult> {
  try {
    const actor = await consoleActor()
    if (typeof uid !== 'string') return { ok: false, error: 'Unknown payment.' }
    await deleteOmPayment(await getDb(), null, uid, actor)
    revalidatePath('/order-payments')
    return { ok: true, message: 'Payment deleted.' }
  } catch (error) {
    return failure(error)
  }
}

/** Refunds (part of) a complete receipt: through the gateway when one backs it, as a record otherwise. */
export async function refundOrderPaymentAction(uid: unknown, amount: unknown): Promise<OmActionResult> {
  try {
    const actor = await consoleActor()
    if (typeof uid !== 'string') return { ok: false, error: 'Unknown payment.' }
    const db = await getDb()
    const source = await db
      .selectFrom('om_payments')
      .innerJoin('orders', 'orders.id', 'om_payments.order_id')
      .select(['om_payments.order_id', 'orders.organization_id'])
      .where('om_payments.id', '=', uid)
      .executeTakeFirst()
    if (!source) return { ok: false, error: 'This payment no longer exists.' }
    await createOmPayment(db, source.organization_id, { params: { orderId: source.order_id, type: 'refund', amount, sourcePaymentId: uid, status: 'complete' } }, actor)
    revalidatePath('/order-payments')
    revalidatePath('/transactions')
    return { ok: true, message: 'Refund recorded.' }
  } catch (error) {
    return failure(error)
  }
}
