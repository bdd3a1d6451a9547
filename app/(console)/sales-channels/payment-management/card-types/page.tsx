import type { Metadata } from 'next'
import { ResourceListPage } from '@/components/resource-list-page'
import { cardTypes } from '@/lib/card-types/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'

export const metadata: Metadata = { title: 'Card Types' }

export default async function CardTypesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <ResourceListPage
      resource={cardTypes}
      searchParams={await searchParams}
      basePath={`${PAYMENT_MANAGEMENT}/card-types`}
      title="Card Types"
      description="Card programmes (Bonus, World, Maximum…) that the cards of this sales channel belong to."
      columns={[
        { id: 'logo', header: 'Logo', kind: 'image', sortable: false },
        { id: 'name', kind: 'link', href: `${PAYMENT_MANAGEMENT}/card-types/{pk}` },
        { id: 'slug', kind: 'mono' },
        { id: 'pk', header: 'ID', hiddenByDefault: true },
        'modified_date',
      ]}
      filters={[
        { param: 'name__icontains', label: 'Name', type: 'text', placeholder: 'Search card types' },
        { param: 'id', label: 'ID', type: 'number' },
        { param: 'modified_date__date', label: 'Modified on', type: 'date' },
      ]}
    />
  )
}
