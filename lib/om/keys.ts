import 'server-only'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { forgetOmKey, generateOmKey } from '@/lib/auth/om-api-key'
import { hashToken } from '@/lib/auth/users-hash'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { auditEntry, type Actor } from '@/lib/ledger/actor'
import { isoMillis } from '@/lib/ledger/payments'

/** Order-management api-keys, newest first, for the API tokens page (never the key, only its prefix). */
export async function listOmKeys(db: Kysely<Database>) {
  const rows = await db.selectFrom('om_api_keys').selectAll().orderBy('created_date', 'desc').orderBy('id', 'desc').limit(200).execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: `${row.prefix}…`,
    organization: row.organization_id,
    created: isoMillis(row.created_date),
    lastUsed: isoMillis(row.last_used_at),
    revoked: row.revoked_at !== null,
  }))
}

export async function listOrganizations(db: Kysely<Database>) {
  return db.selectFrom('organizations').select(['id', 'name']).orderBy('id').execute()
}

/** Makes a key bound to one organization; the key is returned this once and only its SHA-256 is kept. */
export async function createOmKey(db: Kysely<Database>, input: { name: unknown; organization: unknown }, actor: Actor) {
  const errors: Record<string, string[]> = {}
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (!name) errors.name = ['This field may not be blank.']
  else if (name.length > 128) errors.name = ['Ensure this field has no more than 128 characters.']
  const organization = typeof input.organization === 'string' ? input.organization : ''
  const exists = organization ? await db.selectFrom('organizations').select('id').where('id', '=', organization).executeTakeFirst() : undefined
  if (!exists) errors.organization = ['Choose an organization.']
  if (Object.keys(errors).length) throw new InvalidError(errors)
  const key = generateOmKey()
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('om_api_keys').values({ name, key_hash: hashToken(key), prefix: key.slice(0, 8), organization_id: organization }).returning(['id', 'name', 'prefix']).executeTakeFirstOrThrow()
    await auditEntry(trx, actor, { action: 'create', resource: 'om_api_keys', recordId: row.id, label: row.name, channelId: null, changes: { name: { before: null, after: row.name }, organization: { before: null, after: organization }, prefix: { before: null, after: row.prefix } } })
    return { id: row.id, name: row.name, key }
  })
}

export async function revokeOmKey(db: Kysely<Database>, id: number, actor: Actor) {
  const record = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('om_api_keys').select(['id', 'name', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!row) throw new NotFoundError()
    if (row.revoked_at === null) {
      await trx.updateTable('om_api_keys').set({ revoked_at: sql`now()` as never }).where('id', '=', id).execute()
      await auditEntry(trx, actor, { action: 'update', resource: 'om_api_keys', recordId: row.id, label: row.name, channelId: null, changes: { revoked: { before: false, after: true } } })
    }
    return { id: row.id, name: row.name }
  })
  forgetOmKey(record.id)
  return record
}
