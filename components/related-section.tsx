import type { ReactNode } from 'react'
import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import type { Check, Widget } from '@/lib/console/field-spec'
import { describeColumns, describeFields, loadList, nextSortValue, referenceOptions, type ColumnInput, type SearchParamsRecord } from '@/lib/console/resource-view'
import type { FilterSpec } from '@/lib/console/table-spec'
import type { Resource } from '@/lib/resource/define'
import type { RecordActions } from '@/lib/resource/action-result'
import { isRegistered } from '@/lib/resource/registry'
import { RelatedRecords } from './related-records/related-records'

/** Server half of a parent page's sub-table: reads the parent's records with their own URL prefix. */
export async function RelatedSection({
  resource,
  actions,
  parent,
  searchParams,
  prefix,
  columns,
  filters,
  widgets,
  controls,
  checks,
  deleteVerb,
  sortField,
  toggleField,
  rowLabel,
  readOnly = false,
  inlineFields,
  title,
}: {
  resource: Resource
  /** The resource's own server actions (`updateBankAccountAction` …). */
  actions: RecordActions
  parent: { field: string; id: number; label: string }
  searchParams: SearchParamsRecord
  prefix: string
  columns: ColumnInput[]
  filters?: FilterSpec[]
  widgets?: Record<string, Widget>
  /** Controls replacing fields' generated ones in the add/edit dialog. */
  controls?: Record<string, ReactNode>
  checks?: Record<string, Check>
  deleteVerb?: 'Delete' | 'Deactivate'
  sortField?: string
  toggleField?: string
  rowLabel?: string
  readOnly?: boolean
  inlineFields?: string[]
  /** Section heading when it differs from the resource's plural ("Term commission rates"). */
  title?: string
}) {
  if (!isRegistered(resource)) throw new Error(`Resource "${resource.name}" is not in lib/resource/registry.ts`)
  const user = await requirePageUser()
  const { channel } = await currentChannel()
  const [list, options, nextSort] = await Promise.all([
    loadList(resource, searchParams, channel?.id, { prefix, fixed: { [parent.field]: String(parent.id) } }),
    referenceOptions(resource, channel?.id),
    sortField ? nextSortValue(resource, sortField, parent) : undefined,
  ])
  // A new record starts at the end of the order, not at 0 above everything.
  const fields = describeFields(resource, { widgets, checks }).map((spec) => (spec.name === sortField ? { ...spec, defaultValue: nextSort } : spec))
  return (
    <RelatedRecords
      resource={resource.name}
      actions={actions}
      title={resource.title}
      titlePlural={resource.titlePlural}
      fields={fields}
      options={options}
      list={list}
      columns={describeColumns(resource, columns)}
      filters={filters}
      paramPrefix={prefix}
      fixed={{ [parent.field]: { value: parent.id, label: parent.label } }}
      readOnly={readOnly || user.role !== 'admin'}
      channelName={channel?.name ?? ''}
      deleteVerb={deleteVerb}
      sortField={sortField}
      toggleField={toggleField}
      rowLabel={rowLabel}
      inlineFields={inlineFields}
      heading={title}
      controls={controls}
    />
  )
}
