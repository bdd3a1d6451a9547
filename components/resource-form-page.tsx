import type { ReactNode } from 'react'
import { notFound } from 'next/navigation'
import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import type { Check, Widget } from '@/lib/console/field-spec'
import { formatDateTime, inSentence } from '@/lib/console/format'
import { listLabelOf } from '@/lib/console/navigation'
import { channelNameOf, describeFields, readRecord, referenceOptions } from '@/lib/console/resource-view'
import { NotFoundError } from '@/lib/http/errors'
import type { Resource } from '@/lib/resource/define'
import type { RecordActions } from '@/lib/resource/action-result'
import { isRegistered } from '@/lib/resource/registry'
import { PageHeader } from './page-header'
import { ResourceForm } from './resource-form'

/** Path ids of console pages: anything but a positive integer is simply not found. */
export function pageId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2147483647) notFound()
  return Number(raw)
}

/** Loads a record of the current channel for a console page, or answers 404. */
export async function loadRecord(resource: Resource, id: number, channelId: number | undefined) {
  try {
    const record = await readRecord(resource, id)
    if ('channel' in record && record.channel !== channelId) return { record, otherChannel: await channelNameOf(record.channel) }
    return { record, otherChannel: null }
  } catch (error) {
    if (error instanceof NotFoundError) notFound()
    throw error
  }
}

/**
 * The create page (id null) or edit page of a resource, generated from its description. `children`
 * go below the form (a bank's accounts, a card's BIN numbers).
 */
export async function ResourceFormPage({
  resource,
  actions,
  id,
  basePath,
  widgets,
  controls,
  checks,
  omit,
  deleteVerb,
  children,
  related,
}: {
  resource: Resource
  /** The resource's own server actions (`createBankAction` …). */
  actions: Pick<RecordActions, 'create' | 'update' | 'delete'>
  id: number | null
  basePath: string
  widgets?: Record<string, Widget>
  /** Controls replacing fields' generated ones (`{ config: <GatewayConfigControl /> }`); see ResourceForm. */
  controls?: Record<string, ReactNode>
  checks?: Record<string, Check>
  omit?: string[]
  deleteVerb?: 'Delete' | 'Deactivate'
  children?: ReactNode
  /** Sections below the form of an existing record (a bank's accounts), given the record. */
  related?: (record: Record<string, unknown>) => ReactNode
}) {
  if (!isRegistered(resource)) throw new Error(`Resource "${resource.name}" is not in lib/resource/registry.ts`)
  const user = await requirePageUser()
  const { channel } = await currentChannel()
  if (id === null && user.role !== 'admin') {
    return (
      <>
        <PageHeader crumbs={[{ label: listLabelOf(basePath, resource.titlePlural), href: basePath }]} title={`New ${inSentence(resource.title)}`} />
        <p className="notice" role="note">
          Your account is read-only: it can see {inSentence(resource.titlePlural)} but not add them.
        </p>
      </>
    )
  }
  const loaded = id === null ? null : await loadRecord(resource, id, channel?.id)
  const record = loaded?.record ?? null
  const [options, recordChannel] = await Promise.all([
    referenceOptions(resource, (record?.channel as number | undefined) ?? channel?.id),
    record ? channelNameOf(record.channel) : Promise.resolve(channel?.name ?? ''),
  ])
  const readOnly = user.role !== 'admin' || Boolean(loaded?.otherChannel)
  // Those who cannot change a record do not need its secrets (a POS password): they see them masked.
  const shown = record && readOnly && resource.redact ? resource.redact(record) : record
  const name = record ? String(record.name ?? record.slug ?? `#${record.pk}`) : null
  const crumbs = [{ label: listLabelOf(basePath, resource.titlePlural), href: basePath }]
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={name ?? `New ${inSentence(resource.title)}`}
        description={
          record ? (
            <>
              {resource.title} #{String(record.pk)} · created {formatDateTime(String(record.created_date ?? ''))} · modified{' '}
              {formatDateTime(String(record.modified_date ?? ''))}
            </>
          ) : (
            `Adds a ${inSentence(resource.title)} to the ${channel?.name ?? ''} channel.`
          )
        }
      />
      {loaded?.otherChannel ? (
        <p className="notice" role="note">
          This {inSentence(resource.title)} belongs to the {loaded.otherChannel} channel. Switch to that channel at the top to change it.
        </p>
      ) : null}
      <ResourceForm
        actions={actions}
        title={resource.title}
        fields={describeFields(resource, { widgets, omit, checks })}
        record={shown}
        options={options}
        channelName={recordChannel}
        readOnly={readOnly}
        // An admin on another channel's record is told why above; "read-only access" would be untrue.
        readOnlyNote={loaded?.otherChannel && user.role === 'admin' ? null : undefined}
        listHref={basePath}
        detailHref={`${basePath}/{pk}`}
        deleteVerb={deleteVerb}
        controls={controls}
      />
      {children}
      {record && related ? related(record) : null}
    </>
  )
}
