import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { sql } from 'kysely'
import type { Database } from '@/db/types'
import { recordAudit } from '@/lib/audit/record'
import { assertCanWrite, type Principal } from '@/lib/auth/principal'
import { InvalidError, NotFoundError, ParseError, pgErrorCode } from '@/lib/http/errors'
import { parseId } from '@/lib/http/params'
import { isDatabaseUnavailable } from '@/lib/http/unavailable'
import type { Kysely, Transaction } from 'kysely'
import { FileNotFoundError, openUpload, readLines } from './upload'
import { addToJob, finishJob, keepJobAlive, reapStaleJobs, startJob, type JobCounts } from './jobs'

/** ~10 bytes a line: a 1,000,000-line file is 10 MB; the cap leaves room for files many times that. */
export const MAX_BIN_FILE_BYTES = 256 * 1024 * 1024
/** Rows per INSERT (one bound array, one transaction, one progress write). */
export const BATCH_SIZE = 5000
/** Batches being written at once, each in its own transaction on its own connection. */
const BATCHES_IN_FLIGHT = 2
/** How many bad lines the summary answer lists. */
export const SUMMARY_ERRORS = 100
const MAX_LINE = 64

export const STATUS = {
  created: 'created',
  exists: 'already exists',
  invalid: 'invalid: must be 6 or 8 digits',
} as const

const BIN = /^(?:\d{6}|\d{8})$/

/**
 * Which BINs this file has already named, as bits (6-digit and 8-digit numbers apart, since
 * "012345" and "00012345" differ): 125 kB, plus 12.5 MB once an 8-digit BIN turns up, however long
 * the file. A repeated line is answered once, under its first status.
 */
class SeenBins {
  private six = new Uint8Array(1_000_000 / 8)
  private eight?: Uint8Array
  /** Marks the BIN; true when it was marked before. */
  mark(bin: string): boolean {
    const value = Number(bin)
    const bits = bin.length === 6 ? this.six : (this.eight ??= new Uint8Array(100_000_000 / 8))
    const byte = value >>> 3
    const bit = 1 << (value & 7)
    const before = (bits[byte] & bit) !== 0
    bits[byte] |= bit
    return before
  }
}

/** A line as written in a single-column CSV: surrounding blanks and one pair of quotes dropped. */
function cellOf(line: string): string {
  let text = line.trim()
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim()
  return text
}

/** Import ids name a job the console polls; a short, URL-safe token. */
const IMPORT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/

async function findCard(db: Kysely<Database>, id: number) {
  return db.selectFrom('cards').select(['id', 'slug', 'channel_id']).where('id', '=', id).executeTakeFirst()
}

/** Every import is audited, a failed or empty one too: the entry says what the rows came from. */
async function auditBinImport(
  trx: Transaction<Database>,
  principal: Principal,
  card: { id: number; slug: string; channel_id: number },
  importId: string,
  counts: JobCounts,
  failure: string | null | undefined,
) {
  await recordAudit(trx, {
    principal,
    action: 'update',
    resource: 'cards',
    recordId: card.id,
    recordLabel: card.slug,
    channelId: card.channel_id,
    before: { bulk_create: null },
    after: { bulk_create: { import_id: importId, ...counts, ...(failure ? { error: failure } : {}) } },
  })
}

export interface BinImport {
  importId: string
  /** The answer, produced while the upload is read: reading it drives the import. */
  body: ReadableStream<Uint8Array>
}

/**
 * `POST /api/v1/cards/{id}/bulk_create/`: the BIN numbers of a one-column CSV, for the card's channel.
 * The upload is parsed as it arrives (busboy), split into lines and written in batches of
 * BATCH_SIZE with one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` each (two batches in
 * flight), in a transaction that also records the job's progress; the answer is streamed back batch by
 * batch, so neither the file nor the answer is ever held in memory. `?summary=1` answers counts
 * instead of one key per line. Rows of batches already written stay when a later batch fails.
 */
export async function importBinNumbers(db: Kysely<Database>, request: Request, rawCardId: string | undefined, principal: Principal): Promise<BinImport> {
  assertCanWrite(principal)
  const card = await findCard(db, parseId(rawCardId))
  if (!card) throw new NotFoundError()
  const summary = ['1', 'true', 'yes'].includes((new URL(request.url).searchParams.get('summary') ?? '').toLowerCase())
  const requestedId = request.headers.get('x-import-id')
  if (requestedId !== null && !IMPORT_ID.test(requestedId))
    throw new InvalidError({ 'X-Import-Id': ['Use 1 to 64 letters, digits, "-", "_", "." or ":", starting with a letter or digit.'] })
  const importId = requestedId ?? randomUUID()

  await reapStaleJobs(db)
  const file = await openUpload(request, MAX_BIN_FILE_BYTES)
  // The status is sent before the body, so the first batch's worth of lines is read first: a file without
  // a line is a 406, and a small upload cut off mid-way (a truncated multipart body) a clean 400. A cut
  // later than that is reported at the end of the streamed answer, after the rows written before it.
  const lines = readLines(file, MAX_LINE)
  const head: string[] = []
  try {
    for (;;) {
      const next = await lines.next()
      if (next.done) break
      for (const line of next.value) if (line.trim() !== '') head.push(line)
      if (head.length >= BATCH_SIZE) break
    }
    if (!head.length) throw new FileNotFoundError()
    await startJob(db, { id: importId, kind: 'bin_numbers', card_id: card.id, channel_id: card.channel_id, user_id: principal.userId })
  } catch (error) {
    file.destroy()
    if (error instanceof FileNotFoundError) {
      const none = { processed: 0, created: 0, existing: 0, invalid: 0 }
      await db.transaction().execute((trx) => auditBinImport(trx, principal, card, importId, none, error.message))
    }
    if (pgErrorCode(error).code === '23505') throw new InvalidError({ 'X-Import-Id': ['An import with this id already exists.'] })
    throw error
  }

  const run = runImport({ db, file, lines, head, card, importId, summary, principal })
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await run.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await run.return(undefined)
    },
  })
  return { importId, body }
}

interface RunOptions {
  db: Kysely<Database>
  file: Readable
  lines: AsyncGenerator<string[]>
  head: string[]
  card: { id: number; slug: string; channel_id: number }
  importId: string
  summary: boolean
  principal: Principal
}

/** Lines taken since the previous batch: the BINs to insert, and the answer text and counts they carry. */
interface Batch {
  bins: string[]
  text: string
  counts: JobCounts
}

const newBatch = (): Batch => ({ bins: [], text: '', counts: { processed: 0, created: 0, existing: 0, invalid: 0 } })

/** The import itself, as the text of its answer. */
async function* runImport(options: RunOptions): AsyncGenerator<string, void, undefined> {
  const { db, file, lines, head, card, importId, summary, principal } = options
  const counts: JobCounts = { processed: 0, created: 0, existing: 0, invalid: 0 }
  const seen = new SeenBins()
  const seenInvalid = new Set<string>()
  const errors: Record<string, string> = {}
  let batch = newBatch()
  const inFlight: Promise<string>[] = []
  let started = false
  let headerChecked = false
  let failure: string | null = null

  // Every entry starts with a comma; the first one written loses it (see `answer`).
  const entry = (key: string, status: string) => (summary ? '' : `,\n${JSON.stringify(key)}:${JSON.stringify(status)}`)
  const answer = (text: string) => {
    if (!started && text.startsWith(',')) {
      started = true
      return text.slice(1)
    }
    return text
  }

  const take = (line: string) => {
    const cell = cellOf(line)
    if (cell === '') return
    if (!headerChecked) {
      headerChecked = true
      if (cell.toLowerCase() === 'bin_number') return
    }
    counts.processed++
    batch.counts.processed++
    if (!BIN.test(cell)) {
      counts.invalid++
      batch.counts.invalid++
      const key = cell.length > 32 ? `${cell.slice(0, 32)}…` : cell
      if (seenInvalid.has(key)) return
      seenInvalid.add(key)
      if (Object.keys(errors).length < SUMMARY_ERRORS) errors[key] = STATUS.invalid
      batch.text += entry(key, STATUS.invalid)
      return
    }
    // Named twice in this file: the row exists (the first line made it or found it).
    if (seen.mark(cell)) {
      counts.existing++
      batch.counts.existing++
      return
    }
    batch.bins.push(cell)
  }

  /**
   * One transaction: the rows and the job's progress. BINs go in sorted, so concurrent imports
   * into one channel take index locks in the same order and cannot deadlock each other.
   */
  const write = async ({ bins, text, counts: delta }: Batch): Promise<string> => {
    if (!bins.length) return text
    bins.sort()
    const values = `{${bins.join(',')}}`
    const created = await db.transaction().execute(async (trx) => {
      const insert = sql`
        insert into bin_numbers (bin_number, card_id, channel_id)
        select b, ${card.id}::integer, ${card.channel_id}::integer from unnest(${values}::varchar[]) as t(b)
        on conflict (bin_number, channel_id) do nothing`
      // A summary only needs how many rows went in; the full answer needs which.
      const made = summary
        ? Number((await insert.execute(trx)).numAffectedRows ?? 0)
        : new Set((await sql<{ bin_number: string }>`${insert} returning bin_number`.execute(trx)).rows.map((row) => row.bin_number))
      const size = typeof made === 'number' ? made : made.size
      await addToJob(trx, importId, { ...delta, created: size, existing: delta.existing + bins.length - size })
      return made
    })
    const createdCount = typeof created === 'number' ? created : created.size
    counts.created += createdCount
    counts.existing += bins.length - createdCount
    if (typeof created === 'number') return ''
    for (const bin of bins) text += entry(bin, created.has(bin) ? STATUS.created : STATUS.exists)
    return text
  }

  // The lease: while this server works on the job it says so; if it stops, the job is ended by whoever looks next.
  const stopHeartbeat = keepJobAlive(db, importId)
  let closed = false
  /** Records the outcome and its audit entry once, whether the import ran out, failed or was abandoned. */
  const close = async () => {
    if (closed) return
    closed = true
    stopHeartbeat()
    try {
      await db.transaction().execute(async (trx) => {
        await finishJob(trx, importId, counts, failure)
        await auditBinImport(trx, principal, card, importId, counts, failure)
      })
    } catch (error) {
      console.error('BIN import could not be closed:', error instanceof Error ? error.stack : error)
      failure ??= 'The import could not be recorded as finished.'
    }
  }

  try {
    try {
      if (!summary) yield '{'
      for (const line of head) take(line)
      for (;;) {
        const next = batch.bins.length >= BATCH_SIZE ? null : await lines.next()
        if (next && !next.done) {
          for (const line of next.value) take(line)
          continue
        }
        // PostgreSQL inserts one batch while the next is read and sent: two cores at work, not one.
        const writing = write(batch)
        // Awaited in order below; this only keeps a failure from counting as unhandled meanwhile.
        writing.catch(() => {})
        inFlight.push(writing)
        batch = newBatch()
        if (inFlight.length >= BATCHES_IN_FLIGHT || next?.done) {
          const text = await inFlight.shift()!
          if (text) yield answer(text)
        }
        if (next?.done) break
      }
      while (inFlight.length) {
        const text = await inFlight.shift()!
        if (text) yield answer(text)
      }
    } catch (error) {
      file.destroy()
      await Promise.allSettled(inFlight)
      failure = describeFailure(error, counts.processed)
      if (!failure.startsWith('The upload')) console.error('BIN import failed:', error instanceof Error ? error.stack : error)
    }
    await close()
    if (summary) {
      yield JSON.stringify({ created: counts.created, existing: counts.existing, invalid: counts.invalid, errors, ...(failure ? { non_field_errors: failure } : {}) })
      return
    }
    yield `${answer(failure ? entry('non_field_errors', failure) : '')}\n}`
  } finally {
    // The client went away mid-answer (the stream was cancelled): the job still ends, as failed, with its counts.
    if (!closed) {
      file.destroy()
      await Promise.allSettled(inFlight)
      failure = `The upload stopped after ${counts.processed} lines: the client closed the connection.`
      await close()
    }
  }
}

function describeFailure(error: unknown, processed: number): string {
  const where = `after ${processed} lines`
  if (error instanceof ParseError) return `The upload stopped ${where}: ${error.message}`
  if (pgErrorCode(error).code === '23503') return `The import stopped ${where}: the card was deleted.`
  if (isDatabaseUnavailable(error)) return `The import stopped ${where}: the database became unavailable; rows written before that are kept.`
  if (error instanceof Error && /aborted|premature|ECONNRESET/i.test(error.message)) return `The upload stopped ${where}: the connection was closed.`
  return `The import stopped ${where}: a server error occurred.`
}
