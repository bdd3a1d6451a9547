'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db'
import { requireActionUser } from '@/lib/auth/current'
import { AppError } from '@/lib/http/errors'
import { actorOf } from './actor'
import { LedgerValidationError } from './errors'
import { toMinor } from './money'
import { updatePayment } from './payments'
import { refundPayment } from './refunds'

/** What a console money action answers: done, or a sentence the dialog shows. */
export type MoneyActionResult = { ok: true; message: string } | { ok: false; error: string }

function failure(error: unknown): MoneyActionResult {
  if (!(error instanceof AppError)) throw error
  if (error instanceof LedgerValidationError)
    return { ok: false, error: Object.values(error.fields).flatMap((messages) => (Array.isArray(messages) ? messages : Object.values(messages).flat())).join(' ') }
  return { ok: false, error: error.message === 'Not found.' ? 'This payment no longer exists (it may have been voided).' : error.message }
}

/** Refunds part or all of a ledger payment from the Transactions page, through the one refund service. */
export async function refundPaymentAction(paymentId: unknown, amount: unknown): Promise<MoneyActionResult> {
  try {
    const user = await requireActionUser({ write: true })
    const minor = toMinor(amount)
    if (typeof paymentId !== 'string' || minor === null || minor <= 0) return { ok: false, error: 'Enter an amount greater than 0 with at most 2 decimals.' }
    const db = await getDb()
    const outcome = await db.transaction().execute((trx) => refundPayment(trx, { paymentId, amountMinor: minor, actor: actorOf({ ...user, via: 'console' }) }))
    revalidatePath('/transactions')
    revalidatePath('/order-payments')
    return { ok: true, message: `Refunded ${outcome.refund.amount}.` }
  } catch (error) {
    return failure(error)
  }
}

/** Settles a ledger payment (settled amount as given, now). */
export async function settlePaymentAction(paymentId: unknown, amount: unknown): Promise<MoneyActionResult> {
  try {
    const user = await requireActionUser({ write: true })
    if (typeof paymentId !== 'string') return { ok: false, error: 'Unknown payment.' }
    const row = await updatePayment(await getDb(), paymentId, { status: 'settled', settled_amount: amount }, actorOf({ ...user, via: 'console' }))
    revalidatePath('/transactions')
    return { ok: true, message: `Settled ${row.settled_amount}.` }
  } catch (error) {
    return failure(error)
  }
}
