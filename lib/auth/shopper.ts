import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError, TooManyRequestsError } from '@/lib/http/errors'
import { signInAccount, type AccountKind } from './sign-in'
import type { ThrottleSettings } from './throttle'

/**
 * Shopper sign-in (`POST /users/login/`): the console's sign-in (lib/auth/sign-in.ts) with the shoppers
 * table, so the same throttle applies: per (account, client) and per client, counted atomically in the
 * database, never locking the owner out; unknown e-mails cost the same password work as known ones.
 */
const shoppers: AccountKind<{ id: number; email: string; name: string; phone: string; password_hash: string }> = {
  scope: 'shopper:',
  find: (db, email) => db.selectFrom('shoppers').select(['id', 'email', 'name', 'phone', 'password_hash']).where('email', '=', email).executeTakeFirst(),
}

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

export async function signInShopper(db: Kysely<Database>, input: unknown, client: string, settings?: ThrottleSettings): Promise<ShopperProfile> {
  const result = await signInAccount(db, shoppers, { ...credentials(input), client }, settings)
  if (!result.ok && result.reason === 'throttled') throw new TooManyRequestsError(result.retryAfterSeconds)
  if (!result.ok) throw new InvalidError({ non_field_errors: ['Unable to log in with provided credentials.'] })
  const { id, email, name, phone } = result.account
  return { pk: id, email, name, phone }
}

export async function shopperProfile(db: Kysely<Database>, shopperId: number): Promise<ShopperProfile | null> {
  const row = await db.selectFrom('shoppers').select(['id', 'email', 'name', 'phone']).where('id', '=', shopperId).executeTakeFirst()
  return row ? { pk: row.id, email: row.email, name: row.name, phone: row.phone } : null
}
