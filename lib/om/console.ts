import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { firstParam, pageParams, type SearchParamsRecord } from '@/lib/console/params'
import type { ListState } from '@/lib/console/table-spec'
import { NotFoundError } from '@/lib/http/errors'
import { decimalToMinor, minorToDecimal } from '@/lib/ledger/money'
import { findOrderWithPayments, listOrders, orderItem, PAYMENT_STATUSES } from './orders'

/** The Order payments table: every organization's orders (console users see the whole merchant), newest first. */
export async function ordersView(db: Kysely<Database>, params: SearchParamsRecord): Promise<ListState> {
  const { page, limit } = pageParams(params)
  const search = firstParam(params.search)?.trim().slice(0, 64) || undefined
  const statusParam = firstParam(params.payment_status) || undefined
  const status = PAYMENT_STATUSES.find((value) => value === statusParam)
  // A hand-edited URL with an unknown status shows every order and says why, as the other tables do.
  const error = statusParam && !status ? `payment_status: Select a valid choice. ${statusParam.slice(0, 64)} is not one of the available choices.` : undefined
  const { count, items, rows } = await listOrders(db, null, { limit, offset: (page - 1) * limit, search, status })
  return {
    rows: items.map((item, index) => ({
      pk: item.id,
      id: item.id,
      number: item.number,
      customer: item.customerUid,
      organization: rows[index].organization_id,
      total: rows[index].total,
      paid: minorToDecimal(decimalToMinor(String(rows[index].paid))),
      refunded: minorToDecimal(decimalToMinor(String(rows[index].refunded))),
      payment_status: item.paymentStatus,
      created_at: rows[index].created_at,
    })),
    count,
    page,
    limit,
    ordering: '',
    error,
  }
}

/** An order with its payments (method names, who and through what) for its console page. */
export async function orderView(db: Kysely<Database>, orderId: string) {
  let found
  try {
    found = await findOrderWithPayments(db, null, orderId)
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
  const { row, items: payments, paymentMethods: methods, refundedBySource } = found
  const names = new Map(methods.map((method) => [method.id, method.locales.en?.name ?? Object.values(method.locales)[0]?.name ?? method.id]))
  return {
    order: { ...orderItem(row), organization: row.organization_id, total: row.total, paid: String(row.paid), refunded: String(row.refunded) },
    payments: payments.map((payment) => ({
      ...payment,
      amount: payment.amount.text,
      method: payment.methodUid ? (names.get(payment.methodUid) ?? payment.methodUid) : '—',
      remaining: payment.type === 'receipt' ? minorToDecimal(decimalToMinor(payment.amount.text) - (refundedBySource.get(payment.id) ?? 0)) : '0.00',
    })),
  }
}
