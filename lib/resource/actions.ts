'use server'

import { revalidatePath } from 'next/cache'
import { requireActionUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { AppError } from '@/lib/http/errors'
import { actionError, toActionResult, type ActionResult } from './action-result'
import { channelScope } from '@/lib/console/resource-view'
import { createRecord, deleteRecord, getRecord, getRecordRow, listRecords, updateRecord } from './crud'
import type { Resource } from './define'
import { findResource } from './registry'

type Values = Record<string, unknown>

function asValues(input: unknown): Values | null {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...(input as Values) } : null
}

/** The record must be one of the channel the console is showing; a stale tab must not reach across. */
async function assertSameChannel(resource: Resource, id: number, channelId: number | undefined): Promise<string | null> {
  if (!('channel' in resource.fields)) return null
  const row = await getRecordRow(resource, id)
  return row.channel_id === channelId ? null : 'This record belongs to another sales channel. Switch channel to change it.'
}

/** Console create: the channel is always the one the console is scoped to. */
export async function createResourceAction(name: string, input: unknown): Promise<ActionResult> {
  const resource = findResource(name)
  if (!resource) return actionError(`Unknown resource "${name}".`)
  try {
    const principal = await requireActionUser({ write: true })
    const values = asValues(input)
    if (!values) return actionError('Invalid data.')
    if ('channel' in resource.fields) {
      const { channel } = await currentChannel()
      if (!channel) return actionError('Create a sales channel first.')
      values.channel = channel.id
    }
    const record = await createRecord(resource, values, { ...principal, via: 'console' })
    revalidatePath('/', 'layout')
    return { ok: true, record: record as Values }
  } catch (error) {
    return toActionResult(error, resource)
  }
}

/** Console update (PATCH semantics: only the fields sent change); the channel never moves. */
export async function updateResourceAction(name: string, id: number, input: unknown): Promise<ActionResult> {
  const resource = findResource(name)
  if (!resource) return actionError(`Unknown resource "${name}".`)
  try {
    const principal = await requireActionUser({ write: true })
    const values = asValues(input)
    if (!values || !Number.isSafeInteger(id)) return actionError('Invalid data.')
    delete values.channel
    const { channel } = await currentChannel()
    const refused = await assertSameChannel(resource, id, channel?.id)
    if (refused) return actionError(refused)
    const record = await updateRecord(resource, id, values, 'patch', { ...principal, via: 'console' })
    revalidatePath('/', 'layout')
    return { ok: true, record: record as Values }
  } catch (error) {
    return toActionResult(error, resource)
  }
}

export async function deleteResourceAction(name: string, id: number): Promise<ActionResult<{ pk: number }>> {
  const resource = findResource(name)
  if (!resource) return actionError(`Unknown resource "${name}".`)
  try {
    const principal = await requireActionUser({ write: true })
    if (!Number.isSafeInteger(id)) return actionError('Invalid data.')
    const { channel } = await currentChannel()
    const refused = await assertSameChannel(resource, id, channel?.id)
    if (refused) return actionError(refused)
    await deleteRecord(resource, id, { ...principal, via: 'console' })
    revalidatePath('/', 'layout')
    return { ok: true, record: { pk: id } }
  } catch (error) {
    if (error instanceof AppError) return toActionResult(error, resource)
    throw error
  }
}

export type ImportRowResult = { ok: true; pk: number; label: string } | { ok: false; errors: string[] }

const IMPORT_CHUNK = 100

/** "slug, channel: The fields slug, channel must make a unique set." — one line per distinct message. */
function describeErrors(fieldErrors: Record<string, string[]>, formError: string | null): string[] {
  const byMessage = new Map<string, string[]>()
  for (const [field, messages] of Object.entries(fieldErrors)) for (const message of messages) byMessage.set(message, [...(byMessage.get(message) ?? []), field])
  return [...(formError ? [formError] : []), ...[...byMessage].map(([message, fields]) => `${fields.join(', ')}: ${message}`)]
}

/**
 * Bulk creation from a CSV, one chunk of rows per call so the browser can show progress. Every row is
 * its own create (own validation, transaction and audit entry): a bad row is reported, not fatal.
 * Empty cells mean "not given" (null where the field allows it).
 */
export async function importResourceRowsAction(name: string, rows: unknown): Promise<{ ok: true; results: ImportRowResult[] } | { ok: false; formError: string }> {
  const resource = findResource(name)
  if (!resource) return { ok: false, formError: `Unknown resource "${name}".` }
  if (!Array.isArray(rows) || rows.length > IMPORT_CHUNK) return { ok: false, formError: `Send at most ${IMPORT_CHUNK} rows at a time.` }
  try {
    const principal = { ...(await requireActionUser({ write: true })), via: 'console' as const }
    const { channel } = await currentChannel()
    const results: ImportRowResult[] = []
    for (const row of rows) {
      const values = asValues(row)
      if (!values) {
        results.push({ ok: false, errors: ['Invalid data.'] })
        continue
      }
      for (const [key, value] of Object.entries(values)) {
        if (value !== '') continue
        if (resource.fields[key]?.nullable) values[key] = null
        else delete values[key]
      }
      if ('channel' in resource.fields) values.channel = channel?.id
      try {
        const record = (await createRecord(resource, values, principal)) as Values
        results.push({ ok: true, pk: Number(record.pk), label: String(record.name ?? record.slug ?? record.pk) })
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        const mapped = toActionResult(error, resource)
        results.push({ ok: false, errors: mapped.ok ? [] : describeErrors(mapped.fieldErrors, mapped.formError) })
      }
    }
    revalidatePath('/', 'layout')
    return { ok: true, results }
  } catch (error) {
    if (error instanceof AppError) {
      const mapped = toActionResult(error, resource)
      return { ok: false, formError: mapped.ok ? '' : mapped.formError ?? 'Import refused.' }
    }
    throw error
  }
}

/** The same change to many records (activate or deactivate the selected BIN numbers), each audited. */
export async function bulkUpdateResourceAction(name: string, ids: unknown, input: unknown): Promise<ActionResult<{ updated: number }>> {
  const resource = findResource(name)
  if (!resource) return actionError(`Unknown resource "${name}".`)
  if (!Array.isArray(ids) || !ids.length || ids.length > 500 || !ids.every((id) => Number.isSafeInteger(id) && id > 0))
    return actionError('Select between 1 and 500 records.')
  try {
    const principal = { ...(await requireActionUser({ write: true })), via: 'console' as const }
    const values = asValues(input)
    if (!values) return actionError('Invalid data.')
    delete values.channel
    const { channel } = await currentChannel()
    for (const id of ids as number[]) {
      const refused = await assertSameChannel(resource, id, channel?.id)
      if (refused) return actionError(refused)
    }
    for (const id of ids as number[]) await updateRecord(resource, id, values, 'patch', principal)
    revalidatePath('/', 'layout')
    return { ok: true, record: { updated: ids.length } }
  } catch (error) {
    return toActionResult(error, resource)
  }
}

/**
 * Moves a record one place up or down among its siblings (the accounts of one bank) by their
 * `sortField`; the siblings are renumbered 1…n when needed so equal sort orders still move.
 */
export async function moveResourceAction(name: string, id: number, direction: 'up' | 'down', sortField: string, parentField: string): Promise<ActionResult<{ moved: boolean }>> {
  const resource = findResource(name)
  if (!resource) return actionError(`Unknown resource "${name}".`)
  if (resource.fields[sortField]?.kind !== 'integer' || !resource.filters[parentField] || (direction !== 'up' && direction !== 'down'))
    return actionError('This list cannot be reordered.')
  try {
    const principal = { ...(await requireActionUser({ write: true })), via: 'console' as const }
    const { channel } = await currentChannel()
    const refused = await assertSameChannel(resource, id, channel?.id)
    if (refused) return actionError(refused)
    const record = await getRecord(resource, id)
    const params = new URLSearchParams({ [parentField]: String(record[parentField]), ordering: `${sortField},pk`, limit: '500' })
    const siblings = (await listRecords(resource, params, { scope: channelScope(resource, channel?.id) })).results
    const index = siblings.findIndex((sibling) => sibling.pk === id)
    const target = direction === 'up' ? index - 1 : index + 1
    if (index < 0 || target < 0 || target >= siblings.length) return { ok: true, record: { moved: false } }
    const order = [...siblings]
    ;[order[index], order[target]] = [order[target], order[index]]
    for (const [position, sibling] of order.entries()) {
      if (sibling[sortField] !== position + 1) await updateRecord(resource, Number(sibling.pk), { [sortField]: position + 1 }, 'patch', principal)
    }
    revalidatePath('/', 'layout')
    return { ok: true, record: { moved: true } }
  } catch (error) {
    return toActionResult(error, resource)
  }
}
