import type { Metadata } from 'next'
import { ResourceListPage } from '@/components/resource-list-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { PAYMENT_TYPES, paymentOptions } from '@/lib/payment-options/resource'

export const metadata: Metadata = { title: 'Payment Options' }

export default async function PaymentOptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <ResourceListPage
      resource={paymentOptions}
      searchParams={await searchParams}
      basePath={`${PAYMENT_MANAGEMENT}/payment-options`}
      title="Payment Options"
      description="The ways shoppers of this sales channel can pay, in the order checkout shows them."
      columns={[
        { id: 'sort_order', header: 'Order' },
        { id: 'name', kind: 'link', href: `${PAYMENT_MANAGEMENT}/payment-options/{pk}` },
        { id: 'payment_type', header: 'Payment type' },
        { id: 'is_active', header: 'Active' },
        { id: 'slug', kind: 'mono' },
        { id: 'pk', header: 'ID', hiddenByDefault: true },
        'modified_date',
      ]}
      filters={[
        { param: 'name__icontains', label: 'Name', type: 'text', placeholder: 'Search payment options' },
        { param: 'payment_type', label: 'Payment type', type: 'select', options: PAYMENT_TYPES.map((choice) => ({ value: choice.value, label: choice.display_name })) },
        { param: 'is_active', label: 'Active', type: 'boolean' },
        { param: 'slug', label: 'Slug (exact)', type: 'text' },
      ]}
    />
  )
}
