import 'server-only'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, ImportJobTable } from '@/db/types'
import { NotFoundError } from '@/lib/http/errors'
import { isoMicro } from '@/lib/resource/serialize'

export interface JobCounts {
  processed: number
  created: number
  existing: number
  invalid: number
}

type Db = Kysely<Database> | Transaction<Database>

export async function startJob(
  db: Db,
  job: { id: string; kind: ImportJobTable['kind']; card_id: number; channel_id: number; user_id: number | null },
): Promise<void> {
  await db.insertInto('import_jobs').values(job).execute()
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
export async function getImportJob(db: Db, id: string | undefined) {
  if (!id || id.length > 64) throw new NotFoundError()
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
