import 'server-only'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { getDb } from '@/db'
import { ForbiddenError, InvalidError, UnauthenticatedError } from '@/lib/http/errors'
import { hashToken } from './users-hash'

/** An order-management caller: one api-key, bound to one organization. */
export interface OmPrincipal {
  keyId: number
  keyName: string
  organizationId: string
}

export function generateOmKey(): string {
  return `om_${randomBytes(24).toString('base64url')}`
}

const CACHE_MS = 5_000
type Cached = { key: { id: number; name: string; organizationId: string } | null; expires: number }
const cache: Map<string, Cached> = ((globalThis as { __pmOmKeyCache?: Map<string, Cached> }).__pmOmKeyCache ??= new Map())

/** Drops a revoked key from this process's cache at once (others honour it within CACHE_MS). */
export function forgetOmKey(keyId: number): void {
  for (const [hash, entry] of cache) if (entry.key?.id === keyId) cache.delete(hash)
}

async function lookup(hash: string) {
  const cached = cache.get(hash)
  if (cached && cached.expires > Date.now()) return cached.key
  const db = await getDb()
  const row = await db
    .selectFrom('om_api_keys')
    .select(['id', 'name', 'organization_id', sql<boolean>`last_used_at is null or last_used_at < now() - interval '1 minute'`.as('stale')])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (row?.stale) await db.updateTable('om_api_keys').set({ last_used_at: sql`now()` as never }).where('id', '=', row.id).execute()
  const key = row ? { id: row.id, name: row.name, organizationId: row.organization_id } : null
  if (cache.size > 1000) cache.clear()
  cache.set(hash, { key, expires: Date.now() + CACHE_MS })
  return key
}

/**
 * `api-key` (hashed lookup) then `organization-id`: no or unknown key → 401, no organization → 400,
 * another organization than the key's → 403. Data of other organizations is then simply not found.
 */
export async function requireOmPrincipal(request: Request): Promise<OmPrincipal> {
  const raw = request.headers.get('api-key')?.trim()
  if (!raw) throw new UnauthenticatedError('Authentication credentials were not provided: send the api-key header.')
  const key = await lookup(hashToken(raw))
  if (!key) throw new UnauthenticatedError('Invalid api-key.')
  const organization = request.headers.get('organization-id')?.trim()
  if (!organization) throw new InvalidError({ 'organization-id': ['This header is required.'] })
  if (organization !== key.organizationId) throw new ForbiddenError('This api-key does not belong to that organization.')
  return { keyId: key.id, keyName: key.name, organizationId: key.organizationId }
}
