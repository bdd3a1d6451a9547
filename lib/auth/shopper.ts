import 'server-only'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError, TooManyRequestsError } from '@/lib/http/errors'
import { hashPassword, verifyPassword } from './password'

/**
 * Shopper sign-in (`POST /users/login/`). Unknown e-mails cost the same scrypt work as known ones (a
 * dummy hash), and failures are throttled per account in the database (any app server sees them).
 */
const WINDOW_MINUTES = 15
const MAX_FAILURES = 5
let dummyHash: Promise<string> | undefined

export interface ShopperProfile {
  pk: number
  email: string
  name: string
  phone: string
}

function credentials(input: unknown): { email: string; password: string } {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const errors: Record<string, string[]> = {}
  for (const field of ['email', 'password'] as const) {
    const value = body[field]
    if (value === undefined || value === null) errors[field] = ['This field is required.']
    else if (typeof value !== 'string') errors[field] = ['Not a valid string.']
    else if (!value.trim()) errors[field] = ['This field may not be blank.']
  }
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { email: String(body.email).trim().toLowerCase(), password: String(body.password) }
}

export async function signInShopper(db: Kysely<Database>, input: unknown): Promise<ShopperProfile> {
  const { email, password } = credentials(input)
  const key = `shopper:${email}`
  const failures = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)`.as('n'))
    .where('key', '=', key)
    .where('at', '>', sql<string>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .executeTakeFirstOrThrow()
  if (Number(failures.n) >= MAX_FAILURES) throw new TooManyRequestsError(WINDOW_MINUTES * 60)
  const shopper = await db.selectFrom('shoppers').select(['id', 'email', 'name', 'phone', 'password_hash']).where('email', '=', email).executeTakeFirst()
  dummyHash ??= hashPassword('dummy password for unknown shoppers')
  const ok = await verifyPassword(password, shopper?.password_hash ?? (await dummyHash))
  if (!shopper || !ok) {
    await db.insertInto('login_attempts').values({ key }).execute()
    throw new InvalidError({ non_field_errors: ['Unable to log in with provided credentials.'] })
  }
  await db.deleteFrom('login_attempts').where('key', '=', key).execute()
  return { pk: shopper.id, email: shopper.email, name: shopper.name, phone: shopper.phone }
}

export async function shopperProfile(db: Kysely<Database>, shopperId: number): Promise<ShopperProfile | null> {
  const row = await db.selectFrom('shoppers').select(['id', 'email', 'name', 'phone']).where('id', '=', shopperId).executeTakeFirst()
  return row ? { pk: row.id, email: row.email, name: row.name, phone: row.phone } : null
}
