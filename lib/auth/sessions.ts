import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import type { Principal } from './principal'

/**
 * Server-side console sessions (issue 9, item 8). The sealed cookie carries a random session id; the
 * database keeps its SHA-256 with the user and expiry. Deleting the row ends the session everywhere:
 * sign-out, a password change and the user's removal do. Lookups are cached in this process for at most
 * SESSION_CACHE_MS (default 5 s, as API tokens): the revoking server drops its entry at once, other app
 * servers on the same database stop honouring the session within that bound (README).
 */
export const SESSION_TTL_SECONDS = 60 * 60 * 12

function cacheMs(): number {
  const value = Number(process.env.SESSION_CACHE_MS)
  return Number.isFinite(value) && value >= 0 ? value : 5_000
}

const CACHE_MAX = 1_000
type Cached = { principal: Principal | null; expires: number }
const cache: Map<string, Cached> = ((globalThis as { __pmSessionCache?: Map<string, Cached> }).__pmSessionCache ??= new Map())

const hashSessionId = (sid: string) => createHash('sha256').update(`session:${sid}`).digest('hex')

export async function createSession(db: Kysely<Database>, userId: number): Promise<string> {
  const sid = randomBytes(32).toString('base64url')
  await db
    .insertInto('sessions')
    .values({ id: hashSessionId(sid), user_id: userId, expires_at: sql<string>`now() + make_interval(secs => ${SESSION_TTL_SECONDS}::int)` as never })
    .execute()
  await db.deleteFrom('sessions').where('expires_at', '<', sql<string>`now()`).execute()
  return sid
}

/** The console user of a live session, or null (unknown, expired or ended). */
export async function sessionPrincipal(db: Kysely<Database>, sid: string): Promise<Principal | null> {
  const id = hashSessionId(sid)
  const cached = cache.get(id)
  if (cached && cached.expires > Date.now()) return cached.principal
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', sql<string>`now()`)
    .executeTakeFirst()
  const principal: Principal | null = row ? { userId: row.id, email: row.email, name: row.name, role: row.role, via: 'console' } : null
  const ttl = cacheMs()
  if (ttl > 0) {
    if (cache.size >= CACHE_MAX) cache.clear()
    cache.set(id, { principal, expires: Date.now() + ttl })
  }
  return principal
}

/** Sign-out: this session is over, here at once and on other servers within the cache bound. */
export async function endSession(db: Kysely<Database>, sid: string): Promise<void> {
  const id = hashSessionId(sid)
  cache.delete(id)
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Every session of a user (password change, removal, role change). */
export async function endUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  for (const [id, entry] of cache) if (entry.principal?.userId === userId) cache.delete(id)
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
