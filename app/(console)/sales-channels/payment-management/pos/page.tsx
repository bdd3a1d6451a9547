import type { Metadata } from 'next'
import { ResourceListPage } from '@/components/resource-list-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { pos } from '@/lib/pos/resource'

export const metadata: Metadata = { title: 'POS Integrations' }

export default async function PosPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <ResourceListPage
      resource={pos}
      searchParams={await searchParams}
      basePath={`${PAYMENT_MANAGEMENT}/pos`}
      title="POS Integrations"
      description="Virtual POS of this sales channel: the payment gateway that takes card payments and its credentials."
      columns={[
        { id: 'name', kind: 'link', href: `${PAYMENT_MANAGEMENT}/pos/{pk}` },
        { id: 'gateway_display', header: 'Gateway', sortable: false },
        { id: 'slug', kind: 'mono' },
        { id: 'resource_url', header: 'Resource URL', hiddenByDefault: true },
        { id: 'pk', header: 'ID', hiddenByDefault: true },
        'modified_date',
      ]}
      filters={[
        { param: 'name__icontains', label: 'Name', type: 'text', placeholder: 'Search POS integrations' },
        { param: 'id', label: 'ID', type: 'number' },
        { param: 'modified_date__date', label: 'Modified on', type: 'date' },
      ]}
    />
  )
}
