import Link from 'next/link'
import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { describeColumns, loadList, referenceOptions, type ColumnInput, type SearchParamsRecord } from '@/lib/console/resource-view'
import type { FilterSpec } from '@/lib/console/table-spec'
import type { Resource } from '@/lib/resource/define'
import { DataTable } from './data-table'
import { PageHeader } from './page-header'
import { inSentence } from '@/lib/console/format'

/**
 * A whole list page for a resource: header with "New" (admins only), the URL-driven table of the
 * current channel's records and a CSV export of the same filters. Pages pass columns and filters.
 */
export async function ResourceListPage({
  resource,
  searchParams,
  basePath,
  title = resource.titlePlural,
  description,
  columns,
  filters = [],
  emptyText,
  importable = false,
}: {
  resource: Resource
  searchParams: SearchParamsRecord
  basePath: string
  title?: string
  description?: string
  columns: ColumnInput[]
  filters?: FilterSpec[]
  emptyText?: string
  /** Offers bulk creation from a CSV file (`<basePath>/import`). */
  importable?: boolean
}) {
  const user = await requirePageUser()
  const { channel } = await currentChannel()
  const needsOptions = filters.some((filter) => filter.type === 'select' && !filter.options && resource.fields[filter.param]?.kind === 'fk')
  const [list, options] = await Promise.all([loadList(resource, searchParams, channel?.id), needsOptions ? referenceOptions(resource, channel?.id) : {}])
  // Reference filters (bank, card type…) choose among the current channel's records.
  const filled = filters.map((filter) => (filter.type === 'select' && !filter.options ? { ...filter, options: (options as Record<string, FilterSpec['options']>)[filter.param] ?? [] } : filter))
  const canWrite = user.role === 'admin'
  const singular = inSentence(resource.title)
  return (
    <>
      <PageHeader
        title={title}
        description={description ?? `${resource.description} Showing ${channel?.name ?? 'no'} channel.`}
        actions={
          canWrite ? (
            <>
              {importable ? (
                <Link href={`${basePath}/import`} className="btn">
                  Import CSV
                </Link>
              ) : null}
              <Link href={`${basePath}/new`} className="btn btn-primary">
                New {singular}
              </Link>
            </>
          ) : null
        }
      />
      <DataTable
        caption={title}
        columns={describeColumns(resource, columns)}
        filters={filled}
        exportHref={`/export/${resource.name}`}
        empty={{
          title: `No ${inSentence(resource.titlePlural)} in ${channel?.name ?? 'this channel'} yet`,
          text: emptyText ?? (canWrite ? `Use “New ${singular}” to add the first one.` : undefined),
        }}
        {...list}
      />
    </>
  )
}
