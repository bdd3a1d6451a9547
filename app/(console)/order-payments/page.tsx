import type { Metadata } from 'next'
import { DataTable } from '@/components/data-table'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import type { ColumnSpec } from '@/lib/console/table-spec'
import { ordersView } from '@/lib/om/console'

export const metadata: Metadata = { title: 'Order Payments' }

const PAYMENT_STATUS = [
  { value: 'not_paid', label: 'Not paid' },
  { value: 'partially_paid', label: 'Partially paid' },
  { value: 'paid', label: 'Paid' },
  { value: 'overpaid', label: 'Overpaid' },
  { value: 'partially_refunded', label: 'Partially refunded' },
  { value: 'refunded', label: 'Refunded' },
]

const COLUMNS: ColumnSpec[] = [
  { id: 'number', header: 'Order', kind: 'link', href: '/order-payments/{id}', sortable: false },
  { id: 'created_at', header: 'Created', kind: 'datetime', sortable: false },
  { id: 'customer', header: 'Customer', kind: 'text', sortable: false },
  { id: 'total', header: 'Total', kind: 'decimal', sortable: false },
  { id: 'paid', header: 'Paid', kind: 'decimal', sortable: false },
  { id: 'refunded', header: 'Refunded', kind: 'decimal', sortable: false },
  { id: 'payment_status', header: 'Payment status', kind: 'choice', sortable: false, choices: PAYMENT_STATUS },
  { id: 'organization', header: 'Organization', kind: 'text', sortable: false, hiddenByDefault: true },
]

export default async function OrderPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser()
  const list = await ordersView(await getDb(), await searchParams)
  return (
    <>
      <PageHeader title="Order Payments" description="Orders with what was paid and refunded against them. Open an order to confirm, refund or delete its payments." />
      <DataTable
        caption="Orders"
        columns={COLUMNS}
        filters={[
          { param: 'search', label: 'Order number or customer', type: 'text' },
          { param: 'payment_status', label: 'Payment status', type: 'select', options: PAYMENT_STATUS },
        ]}
        rowLabel="number"
        empty={{ title: 'No orders', text: 'Orders appear here when the storefront checkout or an integration creates them.' }}
        {...list}
      />
    </>
  )
}
