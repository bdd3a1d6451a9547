import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'

/**
 * Sign-in throttling (issue 9, item 7), kept in the database so every app server shares it. Two keys:
 * the pair (account, client) and the client alone. Failures are limited per pair, so whoever hammers an
 * account from one client is stopped there while the owner, from any other client, still signs in;
 * the per-client limit stops one client spraying many accounts. An attempt is *reserved* with one atomic
 * upsert before the password is checked, so 20 parallel tries run at most `perAccountClient` checks.
 */
export interface ThrottleSettings {
  windowSeconds: number
  perAccountClient: number
  perClient: number
}

function setting(value: string | undefined, fallback: number): number {
  const number = Number(value)
  return value && Number.isInteger(number) && number > 0 ? number : fallback
}

/** Every time rule is a setting (DESIGN.md), so tests and deployments can tune it. */
export function throttleSettings(env: Record<string, string | undefined> = process.env): ThrottleSettings {
  return {
    windowSeconds: setting(env.LOGIN_WINDOW_SECONDS, 15 * 60),
    perAccountClient: setting(env.LOGIN_MAX_FAILURES, 5),
    perClient: setting(env.LOGIN_MAX_CLIENT_FAILURES, 20),
  }
}

export const pairKey = (email: string, client: string) => `pair:${email}|${client}`.slice(0, 400)
export const clientKey = (client: string) => `client:${client}`.slice(0, 400)

/** Counts one more attempt under `key` (a fresh window once the old one is over); the count and seconds left. */
export async function reserveAttempt(db: Kysely<Database>, key: string, windowSeconds: number): Promise<{ attempts: number; retryAfter: number }> {
  const { rows } = await sql<{ attempts: number; retry_after: number }>`
    insert into login_throttle as t (key, attempts, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      attempts = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}::int) then 1 else t.attempts + 1 end,
      window_start = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}::int) then now() else t.window_start end
    returning attempts, greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}::int) - now()))))::int as retry_after
  `.execute(db)
  return { attempts: Number(rows[0].attempts), retryAfter: Number(rows[0].retry_after) }
}

/** A successful sign-in: the pair starts afresh and the client's reservation is given back. */
export async function releaseAttempts(db: Kysely<Database>, email: string, client: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', pairKey(email, client)).execute()
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('key', '=', clientKey(client))
    .execute()
}

/** Old windows are of no use; dropped now and then so the table stays small. */
export async function pruneThrottle(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('login_throttle').where('window_start', '<', sql<string>`now() - interval '1 day'`).execute()
}
