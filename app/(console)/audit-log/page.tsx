import type { Metadata } from 'next'
import { DataTable } from '@/components/data-table'
import { AuditChanges, type AuditChangeSet } from '@/components/audit-changes'
import { PageHeader } from '@/components/page-header'
import { auditFilterOptions, listAudit } from '@/lib/audit/queries'
import { requirePageUser } from '@/lib/auth/current'
import type { ColumnSpec } from '@/lib/console/table-spec'
import { getDb } from '@/db'

export const metadata: Metadata = { title: 'Audit Log' }

const COLUMNS: ColumnSpec[] = [
  { id: 'at', header: 'When', kind: 'datetime', sortable: true },
  { id: 'actor', header: 'Who', kind: 'text', sortable: false },
  { id: 'via', header: 'Via', kind: 'choice', sortable: false, choices: [{ value: 'console', label: 'Console' }, { value: 'api', label: 'API' }, { value: 'system', label: 'System' }] },
  {
    id: 'action',
    header: 'Action',
    kind: 'choice',
    sortable: false,
    choices: [
      { value: 'create', label: 'Created' },
      { value: 'update', label: 'Updated' },
      { value: 'delete', label: 'Deleted' },
    ],
  },
  { id: 'resource', header: 'Resource', kind: 'text', sortable: false },
  { id: 'record', header: 'Record', kind: 'link', hrefField: 'record_href', sortable: false },
  { id: 'fields', header: 'Fields changed', kind: 'text', sortable: false },
  { id: 'channel_name', header: 'Channel', kind: 'text', sortable: false, hiddenByDefault: true },
]

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser()
  const db = await getDb()
  const [list, options] = await Promise.all([listAudit(db, await searchParams), auditFilterOptions(db)])
  return (
    <>
      <PageHeader
        title="Audit Log"
        description="Every change made in the console or through the API: who, when, which record, and each field before and after. Secrets are never shown."
      />
      <DataTable
        caption="Audit log entries"
        columns={COLUMNS}
        filters={[
          { param: 'resource', label: 'Resource', type: 'select', options: options.resources },
          { param: 'user', label: 'User', type: 'select', options: options.users },
          {
            param: 'action',
            label: 'Action',
            type: 'select',
            options: [
              { value: 'create', label: 'Created' },
              { value: 'update', label: 'Updated' },
              { value: 'delete', label: 'Deleted' },
            ],
          },
          { param: 'record_id', label: 'Record ID', type: 'number' },
          { param: 'at__date', label: 'Day', type: 'date' },
        ]}
        empty={{ title: 'No changes recorded yet', text: 'Changes to payment settings appear here as they are made.' }}
        details={{
          label: 'changes of entry {pk}',
          byRow: Object.fromEntries(list.rows.map((row) => [String(row.pk), <AuditChanges key={String(row.pk)} changes={row.changes as AuditChangeSet} action={String(row.action)} />])),
        }}
        {...list}
      />
    </>
  )
}
