import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { dummyPasswordHash, verifyPassword } from './password'
import { clientKey, pairKey, pruneThrottle, releaseAttempts, reserveAttempt, throttleSettings, type ThrottleSettings } from './throttle'

// Made when this module loads, not during the first unknown-account sign-in (which would cost two derivations).
void dummyPasswordHash()

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

/**
 * Checks an email and password from a client (see client-address.ts). Throttled attempts are refused
 * before any password work; an unknown account is checked against a dummy hash, so it costs exactly
 * one password derivation, as a known one does (counted in the tests, not timed).
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; client: string },
  settings: ThrottleSettings = throttleSettings(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  const pair = await reserveAttempt(db, pairKey(email, input.client), settings.windowSeconds)
  const byClient = await reserveAttempt(db, clientKey(input.client), settings.windowSeconds)
  const waits = [
    pair.attempts > settings.perAccountClient ? pair.retryAfter : 0,
    byClient.attempts > settings.perClient ? byClient.retryAfter : 0,
  ]
  if (Math.max(...waits) > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.max(...waits) }

  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst()
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()))
  if (!user || !valid) {
    if (Math.random() < 0.05) await pruneThrottle(db)
    return { ok: false, reason: 'invalid' }
  }
  await releaseAttempts(db, email, input.client)
  return { ok: true, userId: user.id }
}
