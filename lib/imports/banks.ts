import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { recordAudit } from '@/lib/audit/record'
import { banks } from '@/lib/banks/resource'
import { assertCanWrite, type Principal } from '@/lib/auth/principal'
import { AppError, InvalidError } from '@/lib/http/errors'
import { createRecord } from '@/lib/resource/crud'
import { dict, parseInteger } from '@/lib/resource/fields'
import { csvProblem, FileNotFoundError, openUpload, parseCsv, readText } from './upload'

/** A channel has tens of banks; the cap keeps one request from turning into a long stream of writes. */
export const MAX_BANK_CSV_BYTES = 1024 * 1024
export const MAX_BANK_ROWS = 5000

export const CREATED = 'created'

async function requireChannel(db: Kysely<Database>, raw: string | null): Promise<number> {
  if (raw === null || raw.trim() === '') throw new InvalidError({ channel_id: ['This field is required.'] })
  const id = parseInteger(raw)
  if (id === undefined) throw new InvalidError({ channel_id: ['A valid integer is required.'] })
  const found = id >= 1 && id <= 2147483647 && (await db.selectFrom('channels').select('id').where('id', '=', id).executeTakeFirst())
  if (!found) throw new InvalidError({ channel_id: [`Invalid pk "${raw.trim()}" - object does not exist.`] })
  return id
}

/**
 * `POST /api/v1/banks/bulk_create/?channel_id=N`: one bank per CSV row (header: name, slug, logo).
 * Each row goes through the generic create service, so it is validated by the banks resource's own
 * schema, checked for the (slug, channel) unique set and audited like a bank created by hand; a bad
 * row is reported under its name and the others are kept. The channel comes from `channel_id`: a
 * `channel` column, like the other read-only columns an export carries (pk, dates), is ignored.
 */
export async function importBanksCsv(db: Kysely<Database>, request: Request, principal: Principal): Promise<Record<string, string>> {
  assertCanWrite(principal)
  const channel = await requireChannel(db, new URL(request.url).searchParams.get('channel_id'))
  const text = await readText(await openUpload(request, MAX_BANK_CSV_BYTES), MAX_BANK_CSV_BYTES)
  // Keyed by bank names from the file: a bank called `__proto__` or `constructor` is just a key.
  const statuses = dict<string>()
  const counts = { rows: 0, created: 0, refused: 0 }
  let failure: string | undefined
  try {
    const records = parseCsv(text)
    const problem = csvProblem(text, records)
    if (problem) throw new InvalidError({ file: [problem] })
    const [header, ...rows] = records
    if (!header) throw new FileNotFoundError()
    if (rows.length > MAX_BANK_ROWS)
      throw new InvalidError({ non_field_errors: [`The file has ${rows.length} rows; at most ${MAX_BANK_ROWS} are imported at once.`] })
    const columns = header.cells.map((cell) => cell.trim().toLowerCase())
    counts.rows = rows.length
    for (const row of rows) {
      const input = dict<unknown>()
      columns.forEach((column, index) => {
        if (column === '' || column === 'channel') return
        input[column] = row.cells[index] ?? ''
      })
      input.channel = channel
      const name = typeof input.name === 'string' ? input.name.trim() : ''
      // Keys are the bank names, as the spec shows; a name seen twice keeps both answers apart.
      let key = name || `row ${row.line}`
      if (key in statuses) key = `${key} (row ${row.line})`
      try {
        // Each row in a transaction of its own: a refused row leaves the others written.
        await db.transaction().execute((trx) => createRecord(trx, banks, input, principal))
        statuses[key] = CREATED
        counts.created++
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error
        statuses[key] = error.message
        counts.refused++
      }
    }
    return statuses
  } catch (error) {
    failure = error instanceof AppError ? error.message : 'The import stopped on a server error.'
    throw error
  } finally {
    await auditImport(db, principal, channel, counts, failure)
  }
}

/**
 * Every import leaves one entry on its channel (a header-only, zero-byte or refused file too), with its counts: the
 * rows themselves are audited one by one as they are created, but an import that created nothing
 * would otherwise leave no trace of having been tried.
 */
async function auditImport(db: Kysely<Database>, principal: Principal, channelId: number, counts: Record<string, number>, failure: string | undefined) {
  try {
    const channel = await db.selectFrom('channels').select('slug').where('id', '=', channelId).executeTakeFirst()
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        principal,
        action: 'update',
        resource: 'channels',
        recordId: channelId,
        recordLabel: channel?.slug ?? String(channelId),
        channelId,
        before: { banks_bulk_create: null },
        after: { banks_bulk_create: { ...counts, ...(failure ? { error: failure } : {}) } },
      }),
    )
  } catch (error) {
    console.error('Bank import audit entry could not be written:', error instanceof Error ? error.message : error)
  }
}
