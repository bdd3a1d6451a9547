import 'server-only'
import { sql, type Transaction } from 'kysely'
import type { Database } from '@/db/types'
import type { Db } from '@/lib/resource/define'
import { recordAudit } from '@/lib/audit/record'
import type { Principal } from '@/lib/auth/principal'
import { generateTokenKey, hashToken } from '@/lib/auth/users'
import { firstParam, pageParams, type SearchParamsRecord } from '@/lib/console/params'
import { isoMicro } from '@/lib/resource/serialize'
import type { ListState } from '@/lib/console/table-spec'
import { InvalidError, NotFoundError } from '@/lib/http/errors'

const PREFIX_LENGTH = 8

/** Sortable columns of the token table: name → SQL column (a whitelist, never the raw parameter). */
const ORDERING: Record<string, string> = {
  name: 'api_tokens.name',
  created_date: 'api_tokens.created_date',
  last_used_at: 'api_tokens.last_used_at',
}

export async function listTokens(db: Db, params: SearchParamsRecord): Promise<ListState> {
  const { page, limit } = pageParams(params)
  const ordering = firstParam(params.ordering) ?? ''
  const status = firstParam(params.status)
  const name = firstParam(params.name__icontains)?.slice(0, 128)
  let query = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
  if (status === 'active') query = query.where('api_tokens.revoked_at', 'is', null)
  if (status === 'revoked') query = query.where('api_tokens.revoked_at', 'is not', null)
  if (name) query = query.where('api_tokens.name', 'ilike', `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  const column = ORDERING[ordering.replace(/^-/, '')] ?? 'api_tokens.created_date'
  const direction = ordering ? (ordering.startsWith('-') ? 'desc' : 'asc') : 'desc'
  const [rows, total] = await Promise.all([
    query
      .select([
        'api_tokens.id as pk',
        'api_tokens.name',
        'api_tokens.prefix',
        'api_tokens.created_date',
        'api_tokens.last_used_at',
        'api_tokens.revoked_at',
        'users.email as user_email',
        'users.role as user_role',
      ])
      .orderBy(sql.ref(column), direction)
      .orderBy('api_tokens.id', direction)
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    query.select(sql<number>`count(*)`.as('count')).executeTakeFirst(),
  ])
  return {
    rows: rows.map((row) => ({
      ...row,
      prefix: `${row.prefix}…`,
      created_date: isoMicro(row.created_date),
      last_used_at: isoMicro(row.last_used_at),
      revoked_at: isoMicro(row.revoked_at),
      active: row.revoked_at === null,
    })),
    count: Number(total?.count ?? 0),
    page,
    limit,
    ordering,
  }
}

/** Users a token can act as: a token carries its user's role, so a viewer's token is read-only. */
export async function tokenOwners(db: Db) {
  return db.selectFrom('users').select(['id', 'email', 'role']).orderBy('email').execute()
}

/** Makes a token; the key is returned this once and only its SHA-256 is kept. */
export async function createToken(trx: Transaction<Database>, input: { name: string; userId: number }, principal: Principal) {
  const owner = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', input.userId).executeTakeFirst()
  if (!owner) throw new InvalidError({ user: [`Invalid pk "${input.userId}" - object does not exist.`] })
  const key = generateTokenKey()
  const prefix = key.slice(0, PREFIX_LENGTH)
  const row = await trx
    .insertInto('api_tokens')
    .values({ name: input.name, token_hash: hashToken(key), prefix, user_id: owner.id })
    .returning(['id', 'name', 'prefix'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    principal,
    action: 'create',
    resource: 'api_tokens',
    recordId: row.id,
    recordLabel: row.name,
    channelId: null,
    before: null,
    after: { name: row.name, prefix: row.prefix, user: owner.email },
  })
  return { pk: row.id, name: row.name, prefix: row.prefix, key }
}

/** Revokes inside the caller's transaction; the caller forgets the cached key (`forgetToken`) after commit. */
export async function revokeToken(trx: Transaction<Database>, id: number, principal: Principal) {
  const row = await trx.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw new NotFoundError()
  if (row.revoked_at !== null) return { pk: row.id, name: row.name }
  const updated = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: sql<string>`now()` })
    .where('id', '=', id)
    .returning(['revoked_at'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    principal,
    action: 'update',
    resource: 'api_tokens',
    recordId: row.id,
    recordLabel: row.name,
    channelId: null,
    before: { revoked_at: null },
    after: { revoked_at: isoMicro(updated.revoked_at) },
  })
  return { pk: row.id, name: row.name }
}
