import 'server-only'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError, NotFoundError, ServiceError, TooManyRequestsError } from '@/lib/http/errors'
import { assertCanWrite, type Principal } from './principal'
import { signInAccount, consoleUsers } from './sign-in'
import { changePassword, removeUser } from './users'

/** Console users for the Users page: who they are and how many live sessions each has. */
export async function listAccounts(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('users')
    .leftJoin('sessions', (join) => join.onRef('sessions.user_id', '=', 'users.id').on('sessions.expires_at', '>', sql<string>`now()`))
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.created_date'])
    .select((eb) => eb.fn.count<string>('sessions.id').as('sessions'))
    .groupBy(['users.id', 'users.email', 'users.name', 'users.role', 'users.created_date'])
    .orderBy('users.email')
    .execute()
  return rows.map((row) => ({ ...row, sessions: Number(row.sessions), created_date: new Date(row.created_date as unknown as string).toISOString() }))
}

export const MIN_PASSWORD_LENGTH = 10
const MAX_PASSWORD_LENGTH = 200

/**
 * The signed-in user changes their own password. The current password is checked by the sign-in
 * itself (lib/auth/sign-in.ts), so guesses through this form are throttled like guesses at the login
 * page; then every session of the user ends (this browser gets a new one from the caller).
 */
export async function changeOwnPassword(db: Kysely<Database>, principal: Principal, input: unknown, client: string): Promise<void> {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
  const current = text('current_password')
  const next = text('new_password')
  const errors: Record<string, string[]> = {}
  if (!current) errors.current_password = ['Enter your current password.']
  if (next.length < MIN_PASSWORD_LENGTH) errors.new_password = [`Use at least ${MIN_PASSWORD_LENGTH} characters.`]
  else if (next.length > MAX_PASSWORD_LENGTH) errors.new_password = [`Use at most ${MAX_PASSWORD_LENGTH} characters.`]
  else if (next === current) errors.new_password = ['Choose a password different from the current one.']
  if (text('confirm_password') !== next) errors.confirm_password = ['The two new passwords do not match.']
  if (Object.keys(errors).length) throw new InvalidError(errors)
  const checked = await signInAccount(db, consoleUsers, { email: principal.email, password: current, client })
  if (!checked.ok && checked.reason === 'throttled') throw new TooManyRequestsError(checked.retryAfterSeconds)
  if (!checked.ok || checked.userId !== principal.userId) throw new InvalidError({ current_password: ['The current password is not right.'] })
  await changePassword(db, principal.userId, next, principal)
}

/** An admin removes another user (never themselves, so an admin always remains): their sessions and API tokens end. */
export async function removeAccount(db: Kysely<Database>, principal: Principal, userId: number): Promise<{ email: string }> {
  assertCanWrite(principal)
  if (userId === principal.userId) throw new ServiceError('user_100_1', 'You cannot remove yourself; ask another administrator.')
  const user = await db.selectFrom('users').select(['email', 'role']).where('id', '=', userId).executeTakeFirst()
  if (!user) throw new NotFoundError()
  await removeUser(db, userId, principal)
  return { email: user.email }
}
