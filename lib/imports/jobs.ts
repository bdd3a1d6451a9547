import 'server-only'
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, ImportJobTable } from '@/db/types'
import { recordAudit } from '@/lib/audit/record'
import { NotFoundError } from '@/lib/http/errors'
import { isoMicro } from '@/lib/resource/serialize'

export interface JobCounts {
  processed: number
  created: number
  existing: number
  invalid: number
}

type Db = Kysely<Database> | Transaction<Database>

/**
 * The lease of a running import (issue 9, item 11): the server running it renews `heartbeat_at` every
 * IMPORT_LEASE_SECONDS / 3; a job not renewed for IMPORT_LEASE_SECONDS belongs to a server that stopped
 * (killed, crashed) and is ended as failed with the counts it reached. A live job on another server
 * keeps renewing, so it is never touched.
 */
export function leaseSeconds(): number {
  const value = Number(process.env.IMPORT_LEASE_SECONDS)
  return Number.isInteger(value) && value > 0 ? value : 30
}

/** This process, as the owner of the jobs it runs (for people reading the table; the lease decides). */
const OWNER = ((globalThis as { __pmImportOwner?: string }).__pmImportOwner ??= `${process.pid}-${randomUUID().slice(0, 8)}`)

export async function startJob(
  db: Db,
  job: { id: string; kind: ImportJobTable['kind']; card_id: number; channel_id: number; user_id: number | null },
): Promise<void> {
  await db.insertInto('import_jobs').values({ ...job, owner: OWNER, heartbeat_at: sql<string>`now()` as never }).execute()
}

/** Renews the job's lease until the returned function is called. */
export function keepJobAlive(db: Db, id: string): () => void {
  const timer = setInterval(() => {
    db.updateTable('import_jobs')
      .set({ heartbeat_at: sql<string>`now()` as never })
      .where('id', '=', id)
      .where('done', '=', false)
      .execute()
      // A missed beat (the database restarting) is retried by the next one; the lease allows three.
      .catch(() => {})
  }, Math.max(1, Math.floor((leaseSeconds() * 1000) / 3)))
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Ends every job whose lease went stale as failed, each with an audit entry of what it had written.
 * The stale test is repeated in the UPDATE itself, so a job renewed meanwhile is left alone and two
 * servers reaping at once end a job once.
 */
export async function reapStaleJobs(db: Kysely<Database>): Promise<number> {
  const stale = sql<boolean>`heartbeat_at < now() - make_interval(secs => ${leaseSeconds()}::int)`
  const candidates = await db.selectFrom('import_jobs').select('id').where('done', '=', false).where(stale).execute()
  let ended = 0
  for (const { id } of candidates) {
    await db.transaction().execute(async (trx) => {
      const job = await trx
        .updateTable('import_jobs')
        .set((eb) => ({
          done: true,
          error: sql<string>`left('The server running this import stopped after ' || ${eb.ref('processed')} || ' lines; rows written before that are kept.', 255)`,
          modified_date: sql<string>`now()`,
        }))
        .where('id', '=', id)
        .where('done', '=', false)
        .where(stale)
        .returningAll()
        .executeTakeFirst()
      if (!job) return
      ended++
      if (job.card_id === null) return
      const card = await trx.selectFrom('cards').select(['slug']).where('id', '=', job.card_id).executeTakeFirst()
      await recordAudit(trx, {
        principal: null,
        action: 'update',
        resource: 'cards',
        recordId: job.card_id,
        recordLabel: card?.slug ?? String(job.card_id),
        channelId: job.channel_id,
        before: { bulk_create: null },
        after: {
          bulk_create: {
            import_id: job.id,
            processed: job.processed,
            created: job.created,
            existing: job.existing,
            invalid: job.invalid,
            error: job.error,
          },
        },
      })
    })
  }
  return ended
}

/**
 * Once per batch, inside the batch's transaction, so progress never runs ahead of the rows written;
 * increments, because two batches may commit in either order.
 */
export async function addToJob(db: Db, id: string, delta: JobCounts): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set((eb) => ({
      processed: eb('processed', '+', delta.processed),
      created: eb('created', '+', delta.created),
      existing: eb('existing', '+', delta.existing),
      invalid: eb('invalid', '+', delta.invalid),
      modified_date: sql`now()`,
      heartbeat_at: sql`now()`,
    }))
    .where('id', '=', id)
    .execute()
}

export async function finishJob(db: Db, id: string, counts: JobCounts, error: string | null): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ ...counts, done: true, error: error?.slice(0, 255) ?? null, modified_date: sql`now()` })
    .where('id', '=', id)
    .execute()
}

/** `GET /api/v1/imports/{id}/`: what the console's progress bar reads. */
export async function getImportJob(db: Kysely<Database>, id: string | undefined) {
  if (!id || id.length > 64) throw new NotFoundError()
  // Whoever polls a job whose server stopped sees it end as failed, with its counts.
  await reapStaleJobs(db)
  const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!job) throw new NotFoundError()
  return {
    id: job.id,
    kind: job.kind,
    card: job.card_id,
    channel: job.channel_id,
    processed: job.processed,
    created: job.created,
    existing: job.existing,
    invalid: job.invalid,
    done: job.done,
    error: job.error,
    created_date: isoMicro(job.created_date),
    modified_date: isoMicro(job.modified_date),
  }
}
