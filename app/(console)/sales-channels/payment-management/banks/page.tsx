import type { Metadata } from 'next'
import { ResourceListPage } from '@/components/resource-list-page'
import { banks } from '@/lib/banks/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'

export const metadata: Metadata = { title: 'Banks' }

export default async function BanksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <ResourceListPage
      resource={banks}
      searchParams={await searchParams}
      basePath={`${PAYMENT_MANAGEMENT}/banks`}
      importable
      description="Banks of this sales channel. Their accounts take funds-transfer payments; their cards take card payments."
      columns={[
        { id: 'logo', header: 'Logo', kind: 'image', sortable: false },
        { id: 'name', kind: 'link', href: `${PAYMENT_MANAGEMENT}/banks/{pk}` },
        { id: 'slug', kind: 'mono' },
        { id: 'pk', header: 'ID', hiddenByDefault: true },
        'modified_date',
        { id: 'created_date', hiddenByDefault: true },
      ]}
      filters={[
        { param: 'name__icontains', label: 'Name', type: 'text', placeholder: 'Search banks' },
        { param: 'id', label: 'ID', type: 'number' },
        { param: 'modified_date__date', label: 'Modified on', type: 'date' },
      ]}
    />
  )
}
