import type { Selectable } from 'kysely'
import type { OmPaymentTable } from '@/db/tables/ledger'
import { decimalToMinor, money } from '@/lib/ledger/money'
import { isoMillis } from '@/lib/ledger/payments'

export type OmPaymentRow = Selectable<OmPaymentTable>
export type OmAction = 'confirm' | 'update' | 'delete' | 'refund'

/**
 * What a payment's state allows: a pending one can be confirmed, updated or deleted; a complete receipt
 * with something left can be refunded; a complete custom (hand-recorded) payment with no refunds
 * against it can be deleted; a reversed one nothing.
 */
export function allowedActions(row: Pick<OmPaymentRow, 'status' | 'type' | 'custom' | 'amount'>, refundedMinor: number): OmAction[] {
  if (row.status === 'pending') return ['confirm', 'update', 'delete']
  if (row.status !== 'complete') return []
  const can: OmAction[] = []
  if (row.type === 'receipt' && refundedMinor < decimalToMinor(row.amount)) can.push('refund')
  if (row.custom && refundedMinor === 0) can.push('delete')
  return can
}

/** An OM payment item with every field of the spec. */
export function omPaymentItem(row: OmPaymentRow, refundedMinor: number) {
  return {
    type: row.type,
    status: row.status,
    completedAt: isoMillis(row.completed_at),
    reversedAt: isoMillis(row.reversed_at),
    custom: row.custom,
    amount: money(decimalToMinor(row.amount)),
    sourcePaymentId: row.source_payment_id,
    transactionRef: row.transaction_ref,
    attrs: row.attrs,
    invoiceId: row.invoice_id,
    note: row.note,
    createdAt: isoMillis(row.created_at),
    createdVia: row.created_via,
    createdBy: row.created_by,
    updatedAt: isoMillis(row.updated_at),
    updatedVia: row.updated_via,
    updatedBy: row.updated_by,
    id: row.id,
    can: allowedActions(row, refundedMinor),
    methodUid: row.method_id === null ? null : String(row.method_id),
  }
}
