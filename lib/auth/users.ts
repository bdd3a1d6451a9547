import 'server-only'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { getDb } from '@/db'
import type { Database } from '@/db/types'
import { recordAudit, REDACTED } from '@/lib/audit/record'
import { ForbiddenError } from '@/lib/http/errors'
import { hashPassword } from './password'
import type { Principal } from './principal'
import { endUserSessions } from './sessions'
import { hashToken } from './users-hash'

export { hashToken }

export function generateTokenKey(): string {
  return `pm_${randomBytes(24).toString('base64url')}`
}

/**
 * Token lookups are cached in this process for a few seconds: every API request authenticates, and on a
 * busy list endpoint the lookup is a third of the database round trips. A revoke in this process drops
 * the entry at once; other processes serving the same database honour it within TOKEN_CACHE_MS.
 */
const TOKEN_CACHE_MS = 5_000
const TOKEN_CACHE_MAX = 1_000
type CachedToken = { principal: Principal | null; expires: number }
const tokenCache: Map<string, CachedToken> = ((globalThis as { __pmTokenCache?: Map<string, CachedToken> }).__pmTokenCache ??= new Map())

export function forgetToken(tokenId: number): void {
  for (const [hash, entry] of tokenCache) if (entry.principal?.tokenId === tokenId) tokenCache.delete(hash)
}

/**
 * A live (not revoked) API token's principal; last-used time is written at most once a minute. A cached
 * answer is returned as it is, not as a promise: every API request asks, and each promise costs the
 * process's async hooks (Next's AsyncLocalStorage) and the GC.
 */
export function findTokenPrincipal(key: string): Principal | null | Promise<Principal | null> {
  const hash = hashToken(key)
  const cached = tokenCache.get(hash)
  if (cached && cached.expires > Date.now()) return cached.principal
  return lookupToken(hash).then((principal) => {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear()
    tokenCache.set(hash, { principal, expires: Date.now() + TOKEN_CACHE_MS })
    return principal
  })
}

async function lookupToken(hash: string): Promise<Principal | null> {
  const db = await getDb()
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'users.id as userId',
      'users.email',
      'users.name',
      'users.role',
      sql<boolean>`api_tokens.last_used_at is null or api_tokens.last_used_at < now() - interval '1 minute'`.as('stale'),
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  if (row.stale) await db.updateTable('api_tokens').set({ last_used_at: sql`now()` as never }).where('id', '=', row.tokenId).execute()
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, via: 'api', tokenId: row.tokenId }
}

/**
 * A new password ends every session of the user: whoever knew the old one is signed out everywhere.
 * With an actor, the change is audited in the same transaction (the password itself never is).
 */
export async function changePassword(db: Kysely<Database>, userId: number, password: string, actor?: Principal): Promise<void> {
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const user = await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).returning(['email']).executeTakeFirst()
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
    if (actor && user)
      await recordAudit(trx, { principal: actor, action: 'update', resource: 'users', recordId: userId, recordLabel: user.email, channelId: null, before: { password: REDACTED }, after: { password: `${REDACTED} (changed)` } })
  })
  await endUserSessions(db, userId)
}

/** Removing a user ends their sessions (rows cascade) and their API tokens, here at once; audited with an actor. */
export async function removeUser(db: Kysely<Database>, userId: number, actor?: Principal): Promise<void> {
  const tokens = await db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).execute()
  await db.transaction().execute(async (trx) => {
    if (actor) {
      // The actor's row and the target's, locked in id order: two admins removing each other at once wait
      // for one another (no deadlock), and the second finds itself removed and is refused, so an
      // administrator always remains.
      const locked = await trx.selectFrom('users').select(['id', 'role']).where('id', 'in', [actor.userId, userId]).orderBy('id').forUpdate().execute()
      if (!locked.some((row) => row.id === actor.userId && row.role === 'admin')) throw new ForbiddenError()
    }
    const user = await trx.deleteFrom('users').where('id', '=', userId).returning(['email', 'name', 'role']).executeTakeFirst()
    if (actor && user)
      await recordAudit(trx, { principal: actor, action: 'delete', resource: 'users', recordId: userId, recordLabel: user.email, channelId: null, before: { ...user }, after: null })
  })
  await endUserSessions(db, userId)
  for (const token of tokens) forgetToken(token.id)
}
