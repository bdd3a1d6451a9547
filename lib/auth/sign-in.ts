import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { dummyPasswordHash, verifyPassword } from './password'
import { clientKey, pairKey, pruneThrottle, releaseAttempts, reserveAttempt, throttleSettings, type ThrottleSettings } from './throttle'

// Made when this module loads, not during the first unknown-account sign-in (which would cost two derivations).
void dummyPasswordHash()

export type SignInResult<A = { id: number }> =
  | { ok: true; account: A; userId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

/** Who signs in at a door: console users and storefront shoppers are separate account tables. */
export interface AccountKind<A extends { id: number; password_hash: string }> {
  /** Prefix of the throttle keys, so a shop's sign-ins never count against the console's (and back). */
  scope: string
  find: (db: Kysely<Database>, email: string) => Promise<A | undefined>
}

/** Console users (the login page). Throttle keys unscoped, as they were before shoppers shared this. */
export const consoleUsers: AccountKind<{ id: number; password_hash: string }> = {
  scope: '',
  find: (db, email) => db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst(),
}

/**
 * Checks an email and password from a client (see client-address.ts), for any kind of account. Throttled
 * attempts are refused before any password work; an unknown account is checked against a dummy hash, so
 * it costs exactly one password derivation, as a known one does (counted in the tests, not timed).
 * The owner is never locked out: failures count per (account, client) and per client, never per account.
 */
export async function signInAccount<A extends { id: number; password_hash: string }>(
  db: Kysely<Database>,
  kind: AccountKind<A>,
  input: { email: string; password: string; client: string },
  settings: ThrottleSettings = throttleSettings(),
): Promise<SignInResult<A>> {
  const email = input.email.trim().toLowerCase()
  const client = `${kind.scope}${input.client}`
  const pair = await reserveAttempt(db, pairKey(email, client), settings.windowSeconds)
  const byClient = await reserveAttempt(db, clientKey(client), settings.windowSeconds)
  const waits = [
    pair.attempts > settings.perAccountClient ? pair.retryAfter : 0,
    byClient.attempts > settings.perClient ? byClient.retryAfter : 0,
  ]
  if (Math.max(...waits) > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.max(...waits) }

  const account = await kind.find(db, email)
  const valid = await verifyPassword(input.password, account?.password_hash ?? (await dummyPasswordHash()))
  if (!account || !valid) {
    if (Math.random() < 0.05) await pruneThrottle(db)
    return { ok: false, reason: 'invalid' }
  }
  await releaseAttempts(db, email, client)
  return { ok: true, account, userId: account.id }
}

/** A console user's sign-in (the login page). */
export function signIn(db: Kysely<Database>, input: { email: string; password: string; client: string }, settings?: ThrottleSettings) {
  return signInAccount(db, consoleUsers, input, settings)
}
