import 'server-only'
import { revalidatePath } from 'next/cache'
import type { Transaction } from 'kysely'
import { withTransaction } from '@/db'
import type { Database } from '@/db/types'
import { requireActionUser } from '@/lib/auth/current'
import type { Principal } from '@/lib/auth/principal'
import { currentChannel } from '@/lib/channels/queries'
import { AppError } from '@/lib/http/errors'
import { actionError, toActionResult, type ActionResult, type ImportRowResult, type ImportRowsAction } from './action-result'
import { createRecord, getRecord, getRecordRow, listRecords, updateRecord, deleteRecord } from './crud'
import type { Db, Resource } from './define'
import { dict } from './fields'
import { channelScope } from './references'

/**
 * The console's server actions of a resource, made once here and exported by name from each
 * resource's own `actions.ts` (`createBankAction` …). Each one: the signed-in admin, the console's
 * channel, the input checked, the service run in a transaction the action opens, the result mapped to
 * form errors. No resource is looked up by name: the resource object is bound when the action is made.
 */

type Values = Record<string, unknown>
type Console = { principal: Principal; channelId: number | undefined }

/** A copy of the input object whose keys are only data (`__proto__` and `constructor` are ordinary keys). */
function asValues(input: unknown): Values | null {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? dict(Object.entries(input)) : null
}

const validId = (id: unknown): id is number => typeof id === 'number' && Number.isSafeInteger(id)

/** Authenticates a writing console user, runs `work`, refreshes the console on success, maps errors. */
async function consoleWrite<T>(resource: Resource, work: (context: Console) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    const principal: Principal = { ...(await requireActionUser({ write: true })), via: 'console' }
    const { channel } = await currentChannel()
    const result = await work({ principal, channelId: channel?.id })
    if (result.ok) revalidatePath('/', 'layout')
    return result
  } catch (error) {
    return toActionResult(error, resource)
  }
}

/** The record must be one of the channel the console is showing; a stale tab must not reach across. */
async function otherChannel(db: Db, resource: Resource, id: number, channelId: number | undefined): Promise<string | null> {
  if (!resource.channelScoped) return null
  const row = await getRecordRow(db, resource, id)
  return row.channel_id === channelId ? null : 'This record belongs to another sales channel. Switch channel to change it.'
}

/** Runs `work` in one transaction after checking every record it touches is of the console's channel. */
function inChannel<T>(resource: Resource, ids: number[], channelId: number | undefined, work: (trx: Transaction<Database>) => Promise<ActionResult<T>>) {
  return withTransaction(async (trx) => {
    for (const id of ids) {
      const refused = await otherChannel(trx, resource, id, channelId)
      if (refused) return actionError(refused)
    }
    return work(trx)
  })
}

/** Console create: the channel is always the one the console is scoped to. */
export function createAction(resource: Resource) {
  return (input: unknown): Promise<ActionResult> =>
    consoleWrite(resource, async ({ principal, channelId }) => {
      const values = asValues(input)
      if (!values) return actionError('Invalid data.')
      if (resource.channelScoped) {
        if (channelId === undefined) return actionError('Create a sales channel first.')
        values.channel = channelId
      }
      return { ok: true, record: await withTransaction((trx) => createRecord(trx, resource, values, principal)) }
    })
}

/** Console update (PATCH semantics: only the fields sent change); the channel never moves. */
export function updateAction(resource: Resource) {
  return (id: number, input: unknown): Promise<ActionResult> =>
    consoleWrite(resource, async ({ principal, channelId }) => {
      const values = asValues(input)
      if (!values || !validId(id)) return actionError('Invalid data.')
      delete values.channel
      return inChannel(resource, [id], channelId, async (trx) => ({ ok: true, record: await updateRecord(trx, resource, id, values, 'patch', principal) }))
    })
}

/** Console delete (a bank account is deactivated, as its API DELETE does). */
export function deleteAction(resource: Resource) {
  return (id: number): Promise<ActionResult<{ pk: number }>> =>
    consoleWrite(resource, async ({ principal, channelId }) => {
      if (!validId(id)) return actionError('Invalid data.')
      return inChannel(resource, [id], channelId, async (trx) => {
        await deleteRecord(trx, resource, id, principal)
        return { ok: true, record: { pk: id } }
      })
    })
}

/** The same change to many records (activate or deactivate the selected BIN numbers), each audited, all or none. */
export function bulkUpdateAction(resource: Resource) {
  return (ids: unknown, input: unknown): Promise<ActionResult<{ updated: number }>> => {
    if (!Array.isArray(ids) || !ids.length || ids.length > 500 || !ids.every((id) => validId(id) && id > 0))
      return Promise.resolve(actionError('Select between 1 and 500 records.'))
    return consoleWrite(resource, async ({ principal, channelId }) => {
      const values = asValues(input)
      if (!values) return actionError('Invalid data.')
      delete values.channel
      return inChannel(resource, ids, channelId, async (trx) => {
        for (const id of ids) await updateRecord(trx, resource, id, values, 'patch', principal)
        return { ok: true, record: { updated: ids.length } }
      })
    })
  }
}

/**
 * Moves a record one place up or down among its siblings (the accounts of one bank) by `sortField`;
 * the siblings are renumbered 1…n when needed so equal sort orders still move. Both fields are fixed
 * by the resource's actions file, never taken from the browser.
 */
export function moveAction(resource: Resource, sortField: string, parentField: string) {
  if (!Object.hasOwn(resource.fields, sortField) || resource.fields[sortField].kind !== 'integer' || !Object.hasOwn(resource.filters, parentField))
    throw new Error(`${resource.name}: ${sortField} cannot order records by ${parentField}`)
  return (id: number, direction: 'up' | 'down'): Promise<ActionResult<{ moved: boolean }>> =>
    consoleWrite(resource, async ({ principal, channelId }) => {
      if (!validId(id) || (direction !== 'up' && direction !== 'down')) return actionError('This list cannot be reordered.')
      return inChannel<{ moved: boolean }>(resource, [id], channelId, async (trx) => {
        const record = await getRecord(trx, resource, id)
        const params = new URLSearchParams({ [parentField]: String(record[parentField]), ordering: `${sortField},pk`, limit: '500' })
        const siblings = (await listRecords(trx, resource, params, { scope: channelScope(resource, channelId) })).results
        const index = siblings.findIndex((sibling) => sibling.pk === id)
        const target = direction === 'up' ? index - 1 : index + 1
        if (index < 0 || target < 0 || target >= siblings.length) return { ok: true, record: { moved: false } }
        const order = [...siblings]
        ;[order[index], order[target]] = [order[target], order[index]]
        for (const [position, sibling] of order.entries()) {
          if (sibling[sortField] !== position + 1) await updateRecord(trx, resource, Number(sibling.pk), { [sortField]: position + 1 }, 'patch', principal)
        }
        return { ok: true, record: { moved: true } }
      })
    })
}

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
export function importRowsAction(resource: Resource) {
  return async (rows: unknown): ReturnType<ImportRowsAction> => {
    if (!Array.isArray(rows) || rows.length > IMPORT_CHUNK) return { ok: false, formError: `Send at most ${IMPORT_CHUNK} rows at a time.` }
    const answer = await consoleWrite(resource, async ({ principal, channelId }) => {
      const results: ImportRowResult[] = []
      for (const row of rows) {
        const values = asValues(row)
        if (!values) {
          results.push({ ok: false, errors: ['Invalid data.'] })
          continue
        }
        for (const [key, value] of Object.entries(values)) {
          if (value !== '') continue
          if (Object.hasOwn(resource.fields, key) && resource.fields[key].nullable) values[key] = null
          else delete values[key]
        }
        if (resource.channelScoped) values.channel = channelId
        try {
          const record = await withTransaction((trx) => createRecord(trx, resource, values, principal))
          results.push({ ok: true, pk: Number(record.pk), label: String(record.name ?? record.slug ?? record.pk) })
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          const mapped = toActionResult(error, resource)
          results.push({ ok: false, errors: mapped.ok ? [] : describeErrors(mapped.fieldErrors, mapped.formError) })
        }
      }
      return { ok: true, record: results }
    })
    return answer.ok ? { ok: true, results: answer.record } : { ok: false, formError: answer.formError ?? 'Import refused.' }
  }
}
