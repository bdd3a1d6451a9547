import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { AppError, InvalidError } from '@/lib/http/errors'
import { ConflictError } from './errors'

/** How long a key answers its first answer again; a setting so tests need not wait a day. */
export function idempotencyWindowSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.IDEMPOTENCY_WINDOW_SECONDS)
  return Number.isInteger(value) && value > 0 ? value : 24 * 60 * 60
}

export type StoredAnswer = { status: number; body: string }

/** The same request, whatever its key order or spacing. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    .join(',')}}`
}

/**
 * Runs a POST once per `Idempotency-Key`: the key is claimed in its own statement first, so a retry
 * racing the first request sees the claim (409 "still being processed") instead of moving money twice;
 * a later retry with the same body gets the first answer (success or 4xx) again; another body → 409.
 * Without a key the request simply runs. `render` turns a thrown AppError into the stored answer.
 */
export async function withIdempotency(
  db: Kysely<Database>,
  scope: string,
  owner: string,
  key: string | null,
  body: unknown,
  run: () => Promise<StoredAnswer>,
  render: (error: AppError) => StoredAnswer,
): Promise<StoredAnswer & { replayed: boolean }> {
  if (key === null) return { ...(await run()), replayed: false }
  if (!key.trim() || key.length > 255) throw new InvalidError({ 'Idempotency-Key': ['Ensure this header has between 1 and 255 characters.'] })
  const hash = createHash('sha256').update(canonical(body)).digest('hex')
  const window = idempotencyWindowSeconds()
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('owner', '=', owner)
    .where('key', '=', key)
    .where('created_at', '<', sql<string>`now() - make_interval(secs => ${window})`)
    .execute()
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope, owner, key, request_hash: hash })
    .onConflict((conflict) => conflict.columns(['scope', 'owner', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  if (!claimed) {
    const existing = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'body'])
      .where('scope', '=', scope)
      .where('owner', '=', owner)
      .where('key', '=', key)
      .executeTakeFirst()
    if (!existing) throw new ConflictError('A request with this Idempotency-Key is being processed; retry in a moment.')
    if (existing.request_hash !== hash) throw new ConflictError('This Idempotency-Key was used with another request body.', 'idempotency_mismatch')
    if (existing.status === null || existing.body === null) throw new ConflictError('A request with this Idempotency-Key is being processed; retry in a moment.')
    return { status: existing.status, body: existing.body, replayed: true }
  }
  let answer: StoredAnswer
  try {
    answer = await run()
  } catch (error) {
    if (!(error instanceof AppError)) {
      // An unexpected failure keeps nothing: the key may be retried.
      await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('owner', '=', owner).where('key', '=', key).execute()
      throw error
    }
    answer = render(error)
  }
  await db
    .updateTable('idempotency_keys')
    .set({ status: answer.status, body: answer.body })
    .where('scope', '=', scope)
    .where('owner', '=', owner)
    .where('key', '=', key)
    .execute()
  return { ...answer, replayed: false }
}
