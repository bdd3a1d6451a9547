import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { listLabelOf } from '@/lib/console/navigation'
import { describeFields } from '@/lib/console/resource-view'
import type { ImportRowsAction } from '@/lib/resource/action-result'
import type { Resource } from '@/lib/resource/define'
import { CsvImport } from './csv-import'
import { PageHeader } from './page-header'
import { inSentence } from '@/lib/console/format'

/** Bulk creation of a resource's records from a CSV file (admins only). */
export async function ResourceImportPage({ resource, importRows, basePath }: { resource: Resource; importRows: ImportRowsAction; basePath: string }) {
  const user = await requirePageUser()
  const { channel } = await currentChannel()
  return (
    <>
      <PageHeader
        crumbs={[{ label: listLabelOf(basePath, resource.titlePlural), href: basePath }]}
        title={`Import ${inSentence(resource.titlePlural)}`}
        description={`Creates ${inSentence(resource.titlePlural)} in the ${channel?.name ?? ''} channel from a CSV file, row by row.`}
      />
      {user.role === 'admin' ? (
        <CsvImport resource={resource.name} importRows={importRows} title={resource.title} titlePlural={resource.titlePlural} fields={describeFields(resource)} detailHref={`${basePath}/{pk}`} />
      ) : (
        <p className="notice" role="note">
          You have read-only access: importing needs an administrator.
        </p>
      )}
    </>
  )
}
