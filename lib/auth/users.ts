import 'server-only'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { getDb } from '@/db'
import type { Principal } from './principal'
import { hashToken } from './users-hash'

export { hashToken }

export function generateTokenKey(): string {
  return `pm_${randomBytes(24).toString('base64url')}`
}

export async function findUserPrincipal(userId: number, via: Principal['via']): Promise<Principal | null> {
  const db = await getDb()
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('id', '=', userId).executeTakeFirst()
  return user ? { userId: user.id, email: user.email, name: user.name, role: user.role, via } : null
}

/** A live (not revoked) API token's principal; last-used time is written at most once a minute. */
export async function findTokenPrincipal(key: string): Promise<Principal | null> {
  const db = await getDb()
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.last_used_at',
      'users.id as userId',
      'users.email',
      'users.name',
      'users.role',
      sql<boolean>`api_tokens.last_used_at is null or api_tokens.last_used_at < now() - interval '1 minute'`.as('stale'),
    ])
    .where('api_tokens.token_hash', '=', hashToken(key))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  if (row.stale) await db.updateTable('api_tokens').set({ last_used_at: sql`now()` as never }).where('id', '=', row.tokenId).execute()
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, via: 'api', tokenId: row.tokenId }
}
