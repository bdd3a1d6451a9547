import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import { formatDateTime } from '@/lib/console/format'
import { decimalToMinor, formatMoney } from '@/lib/ledger/money'
import { describePlan, paymentPlanOf } from '@/lib/checkout/plan'
import { orderView } from '@/lib/om/console'
import { OrderPaymentActions } from './order-payment-actions'

export const metadata: Metadata = { title: 'Order' }

const STATUS_LABEL: Record<string, string> = {
  not_paid: 'Not paid',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  overpaid: 'Overpaid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
}
const PAYMENT_BADGE: Record<string, string> = { pending: 'badge-warning', complete: 'badge-success', reversed: 'badge-danger' }
const VIA: Record<string, string> = { api: 'API', console: 'console', storefront: 'storefront', system: 'system' }

const money = (text: string) => formatMoney(decimalToMinor(text))
// The installment plan a storefront receipt records (count, instalments, interest, total), exact.
const plan = (attrs: unknown, amount: string) => {
  const found = paymentPlanOf(attrs, amount)
  return found && describePlan(found, (minor) => formatMoney(Number(minor)))
}

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const user = await requirePageUser()
  const view = await orderView(await getDb(), decodeURIComponent((await params).orderId))
  if (!view) notFound()
  const { order, payments } = view
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Order Payments', href: '/order-payments' }, { label: order.number }]}
        title={`Order ${order.number}`}
        description={`Customer ${order.customerUid || '—'} · organization ${order.organization} · created ${order.createdAt ? formatDateTime(order.createdAt) : '—'}`}
      />
      <section className="panel" aria-labelledby="amounts-heading" style={{ marginBottom: 20 }}>
        <div className="panel-body">
          <h2 id="amounts-heading" className="visually-hidden">
            Amounts
          </h2>
          <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 16, margin: 0 }}>
            {[
              ['Total', `${money(order.total)} ${order.currency}`],
              ['Paid', money(order.paid)],
              ['Refunded', money(order.refunded)],
              ['Payment status', STATUS_LABEL[order.paymentStatus]],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="muted" style={{ fontSize: 12.5 }}>
                  {label}
                </dt>
                <dd style={{ margin: 0, fontSize: 18, fontWeight: 600 }}>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
      <section className="panel" aria-labelledby="payments-heading">
        <div className="panel-header">
          <h2 id="payments-heading" style={{ margin: 0, fontSize: 15 }}>
            Payments
          </h2>
        </div>
        {payments.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Payments of order {order.number}</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Method</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((payment) => (
                  <tr key={payment.id}>
                    <td>
                      {payment.type === 'receipt' ? 'Receipt' : 'Refund'}
                      <div className="muted" style={{ fontSize: 12 }}>
                        {payment.custom ? 'recorded by hand' : 'through the gateway'}
                      </div>
                    </td>
                    <td>
                      <span className={`badge ${PAYMENT_BADGE[payment.status]}`}>{payment.status}</span>
                    </td>
                    <td>{money(payment.amount)}</td>
                    <td>
                      {payment.method}
                      {payment.type === 'receipt' && plan(payment.attrs, payment.amount) ? (
                        <div className="muted" style={{ fontSize: 12 }}>
                          {plan(payment.attrs, payment.amount)}
                        </div>
                      ) : null}
                    </td>
                    <td className="mono" style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {!payment.custom && payment.type === 'receipt' && payment.transactionRef ? (
                        <Link href={`/transactions/${payment.transactionRef}`}>{payment.transactionRef.slice(0, 12)}…</Link>
                      ) : (
                        (payment.transactionRef ?? '—')
                      )}
                      {payment.note ? <div className="muted">{payment.note}</div> : null}
                    </td>
                    <td>
                      {payment.createdAt ? formatDateTime(payment.createdAt) : '—'}
                      <div className="muted" style={{ fontSize: 12 }}>
                        {payment.createdBy} via {VIA[payment.createdVia] ?? payment.createdVia}
                      </div>
                      {payment.completedAt && payment.completedAt !== payment.createdAt ? (
                        <div className="muted" style={{ fontSize: 12 }}>
                          confirmed by {payment.updatedBy} via {VIA[payment.updatedVia] ?? payment.updatedVia}
                        </div>
                      ) : null}
                    </td>
                    <td className="actions-col">
                      {user.role === 'admin' ? (
                        <OrderPaymentActions uid={payment.id} label={`${payment.type} of ${money(payment.amount)}`} can={payment.can} remaining={payment.remaining} />
                      ) : (
                        <span className="muted">Read only</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <div className="panel-body">
            <p className="muted" style={{ margin: 0 }}>
              No payments yet.
            </p>
          </div>
        )}
      </section>
    </>
  )
}
