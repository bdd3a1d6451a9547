import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import { formatDateTime } from '@/lib/console/format'
import { transactionDetail } from '@/lib/ledger/console'
import { decimalToMinor, formatMoney } from '@/lib/ledger/money'
import { isoMillis } from '@/lib/ledger/payments'
import { PaymentActions } from './payment-actions'

export const metadata: Metadata = { title: 'Payment' }

const STATUS_BADGE = { success: ['badge-accent', 'Successful'], settled: ['badge-success', 'Settled'], error: ['badge-danger', 'Declined'] } as const

const when = (value: string | null) => (value ? formatDateTime(isoMillis(value)!) : '—')
const amount = (value: string | null) => (value === null ? '—' : formatMoney(decimalToMinor(value)))

export default async function TransactionPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const user = await requirePageUser()
  const { paymentId } = await params
  const detail = await transactionDetail(await getDb(), decodeURIComponent(paymentId))
  if (!detail) notFound()
  const { payment, refunds, receipt, remaining } = detail
  const extra = payment.additional_params
  const [badge, statusLabel] = STATUS_BADGE[payment.status]
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Transactions', href: '/transactions' }, { label: `${payment.payment_id.slice(0, 12)}…` }]}
        title={`Payment of ${formatMoney(decimalToMinor(payment.amount))} ${payment.currency}`}
        description={<span className="mono" style={{ overflowWrap: 'anywhere' }}>{payment.payment_id}</span>}
      />
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <section className="panel" aria-labelledby="payment-heading">
          <div className="panel-header">
            <h2 id="payment-heading" style={{ margin: 0, fontSize: 15 }}>
              Payment
            </h2>
            <span className={`badge ${badge}`}>{statusLabel}</span>
          </div>
          <div className="panel-body">
            {/* Long words (an e-mail, a gateway reference) break rather than push a phone's page sideways. */}
            <dl className="kv" style={{ overflowWrap: 'anywhere' }}>
              <dt>Amount</dt>
              <dd>{amount(payment.amount)}</dd>
              <dt>Refunded</dt>
              <dd>{amount(payment.refunded_amount)}</dd>
              <dt>Left to refund</dt>
              <dd>{formatMoney(decimalToMinor(remaining))}</dd>
              <dt>Method</dt>
              <dd>{payment.payment_method === 'mbway' ? 'MB WAY' : 'Credit card'}</dd>
              <dt>{payment.payment_method === 'mbway' ? 'Phone' : 'Card'}</dt>
              <dd className="mono">{String(extra.number ?? extra.phone ?? '—')}</dd>
              {extra.name ? (
                <>
                  <dt>Holder</dt>
                  <dd>{String(extra.name)}</dd>
                  <dt>Expiry</dt>
                  <dd>
                    {String(extra.expiration_month ?? '')}/{String(extra.expiration_year ?? '')}
                  </dd>
                </>
              ) : null}
              <dt>Created</dt>
              <dd>
                {when(payment.created_at)} · {payment.created_via}
                {payment.created_by ? ` · ${payment.created_by}` : ''}
              </dd>
              <dt>Settled</dt>
              <dd>{payment.status === 'settled' ? `${amount(payment.settled_amount)} on ${when(payment.settled_at)}` : '—'}</dd>
              <dt>Gateway reference</dt>
              <dd className="mono">{payment.gateway_transaction_id ?? '—'}</dd>
              {payment.error_message ? (
                <>
                  <dt>Decline reason</dt>
                  <dd>{payment.error_message}</dd>
                </>
              ) : null}
              <dt>Order</dt>
              <dd>{receipt ? <Link href={`/order-payments/${receipt.order_id}`}>{receipt.number}</Link> : '—'}</dd>
            </dl>
          </div>
        </section>
        <section className="panel" aria-labelledby="actions-heading">
          <div className="panel-header">
            <h2 id="actions-heading" style={{ margin: 0, fontSize: 15 }}>
              Refund and settle
            </h2>
          </div>
          <div className="panel-body">
            {user.role === 'admin' ? (
              <PaymentActions key={`${remaining}-${payment.status}`} paymentId={payment.payment_id} method={payment.payment_method} status={payment.status} remaining={remaining} amount={payment.settled_amount ?? payment.amount} />
            ) : (
              <p className="muted">You have read-only access: an administrator can refund or settle this payment.</p>
            )}
          </div>
        </section>
      </div>
      <section className="panel" aria-labelledby="refunds-heading" style={{ marginTop: 20 }}>
        <div className="panel-header">
          <h2 id="refunds-heading" style={{ margin: 0, fontSize: 15 }}>
            Refunds
          </h2>
        </div>
        {refunds.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Refunds of this payment</caption>
              <thead>
                <tr>
                  <th scope="col">Refund</th>
                  <th scope="col">Amount</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {refunds.map((refund) => (
                  <tr key={refund.id}>
                    <td className="mono">{refund.refund_id.slice(0, 16)}…</td>
                    <td>{amount(refund.amount)}</td>
                    <td>{when(refund.created_at)}</td>
                    <td>
                      {refund.created_by || '—'} ({refund.created_via})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <div className="panel-body">
            <p className="muted" style={{ margin: 0 }}>
              No refunds yet.
            </p>
          </div>
        )}
      </section>
    </>
  )
}
