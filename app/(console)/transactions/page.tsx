import type { Metadata } from 'next'
import { DataTable } from '@/components/data-table'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import type { ColumnSpec, FilterSpec } from '@/lib/console/table-spec'
import { transactionsView } from '@/lib/ledger/console'
import { formatMoney } from '@/lib/ledger/money'
import { VolumeChart } from './volume-chart'

export const metadata: Metadata = { title: 'Transactions' }

const STATUS = [
  { value: 'success', label: 'Successful' },
  { value: 'settled', label: 'Settled' },
  { value: 'error', label: 'Declined' },
]
const METHOD = [
  { value: 'credit_card', label: 'Credit card' },
  { value: 'mbway', label: 'MB WAY' },
]

const COLUMNS: ColumnSpec[] = [
  { id: 'short_id', header: 'Payment', kind: 'link', href: '/transactions/{payment_id}', sortable: false },
  { id: 'created_at', header: 'Created', kind: 'datetime', sortable: false },
  { id: 'amount', header: 'Amount', kind: 'decimal', sortable: false },
  { id: 'refunded', header: 'Refunded', kind: 'decimal', sortable: false },
  { id: 'status', header: 'Status', kind: 'choice', sortable: false, choices: STATUS },
  { id: 'payment_method', header: 'Method', kind: 'choice', sortable: false, choices: METHOD },
  { id: 'card', header: 'Card / phone', kind: 'mono', sortable: false },
  { id: 'settled_amount', header: 'Settled', kind: 'decimal', sortable: false, hiddenByDefault: true },
  { id: 'settled_at', header: 'Settled at', kind: 'datetime', sortable: false, hiddenByDefault: true },
  { id: 'created_by', header: 'By', kind: 'text', sortable: false, hiddenByDefault: true },
]

const FILTERS: FilterSpec[] = [
  { param: 'payment_id', label: 'Payment ID', type: 'text' },
  { param: 'status', label: 'Status', type: 'select', options: STATUS },
  { param: 'payment_method', label: 'Method', type: 'select', options: METHOD },
  { param: 'amount_gte', label: 'Amount from', type: 'number' },
  { param: 'amount_lte', label: 'Amount to', type: 'number' },
  { param: 'created_at_gte', label: 'Created from', type: 'date' },
  { param: 'created_at_lte', label: 'Created to', type: 'date' },
  { param: 'settled_at_gte', label: 'Settled from', type: 'date' },
  { param: 'settled_at_lte', label: 'Settled to', type: 'date' },
]

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser()
  const { list, totals, volume } = await transactionsView(await getDb(), await searchParams)
  const figures = [
    { label: 'Payments', value: totals.count.toLocaleString('en-US') },
    { label: 'Paid', value: formatMoney(totals.paid) },
    { label: 'Refunded', value: formatMoney(totals.refunded) },
    { label: 'Net', value: formatMoney(totals.net) },
  ]
  return (
    <>
      <PageHeader title="Transactions" description="The gateway ledger: every payment taken through a POS, its refunds and settlement. Totals and the chart follow the filters." />
      <section className="panel" aria-labelledby="totals-heading" style={{ marginBottom: 20 }}>
        <div className="panel-body stack">
          <h2 id="totals-heading" className="visually-hidden">
            Totals for these filters
          </h2>
          {/* Four across on a desktop, two by two on a phone: a figure never runs into the next. */}
          <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 16, margin: 0 }}>
            {figures.map((figure) => (
              <div key={figure.label}>
                <dt className="muted" style={{ fontSize: 12.5 }}>
                  {figure.label}
                </dt>
                <dd style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{figure.value}</dd>
              </div>
            ))}
          </dl>
          <VolumeChart days={volume} />
        </div>
      </section>
      <DataTable
        caption="Transactions"
        columns={COLUMNS}
        filters={FILTERS}
        rowKey="payment_id"
        rowLabel="payment_id"
        exportHref="/transactions/export"
        empty={{ title: 'No payments yet', text: 'Payments appear here when the storefront checkout, an order payment or an integration (POST /api/payments) charges a card.' }}
        {...list}
      />
    </>
  )
}
