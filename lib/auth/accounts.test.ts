import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedUsers } from '@/db/seed-users'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { InvalidError } from '@/lib/http/errors'
import { changeOwnPassword, removeAccount } from './accounts'
import { passwordDerivations } from './password'
import type { Principal } from './principal'
import { createSession, sessionPrincipal } from './sessions'
import { signIn } from './sign-in'

process.env.SESSION_CACHE_MS = '0'

async function principalOf(db: TestDatabase['db'], email: string): Promise<Principal> {
  const row = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('email', '=', email).executeTakeFirstOrThrow()
  return { userId: row.id, email: row.email, name: row.name, role: row.role, via: 'console' }
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe.each(await testEngines())('console accounts on $name', ({ available, open }) => {
  let database: TestDatabase
  beforeAll(async () => {
    if (!available) return
    database = await open('accounts')
    await seedUsers(database.db, { NODE_ENV: 'test' })
  }, 90_000)
  afterAll(async () => database?.close())

  it.skipIf(!available)('changes the own password only with the current one, ends every session, audits without the password', async () => {
    const { db } = database
    const admin = await principalOf(db, 'admin@example.com')
    const session = await createSession(db, admin.userId)
    const invalid = (await failure(() => changeOwnPassword(db, admin, { current_password: '', new_password: 'short', confirm_password: 'x' }, 'c1'))) as InvalidError
    expect(invalid).toBeInstanceOf(InvalidError)
    expect(Object.keys(invalid.fields).sort()).toEqual(['confirm_password', 'current_password', 'new_password'])
    // Refused before any password work: form errors cost no scrypt derivation and no throttle slot.
    const before = passwordDerivations()
    await failure(() => changeOwnPassword(db, admin, { constructor: 'x', toString: 1 }, 'c1'))
    expect(passwordDerivations()).toBe(before)

    const wrong = (await failure(() => changeOwnPassword(db, admin, { current_password: 'nope', new_password: 'a-new-password-1', confirm_password: 'a-new-password-1' }, 'c1'))) as InvalidError
    expect(wrong.fields).toEqual({ current_password: ['The current password is not right.'] })
    expect(await sessionPrincipal(db, session)).not.toBeNull()

    await changeOwnPassword(db, admin, { current_password: 'admin-password', new_password: 'a-new-password-1', confirm_password: 'a-new-password-1' }, 'c1')
    expect(await sessionPrincipal(db, session)).toBeNull()
    expect(await signIn(db, { email: admin.email, password: 'a-new-password-1', client: 'c2' })).toMatchObject({ ok: true })
    const audit = await db.selectFrom('audit_log').select(['action', 'resource', 'record_id', 'actor', 'changes']).where('resource', '=', 'users').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'update', record_id: admin.userId, actor: admin.email })
    expect(JSON.stringify(audit[0].changes)).not.toMatch(/a-new-password|scrypt/)
  })

  it.skipIf(!available)('lets an admin remove another user (sessions end, audited), never themselves; viewers cannot', async () => {
    const { db } = database
    const admin = await principalOf(db, 'admin@example.com')
    const viewer = await principalOf(db, 'viewer@example.com')
    expect(await failure(() => removeAccount(db, viewer, admin.userId))).toMatchObject({ status: 403 })
    expect(await failure(() => removeAccount(db, admin, admin.userId))).toMatchObject({ code: 'user_100_1' })
    const viewerSession = await createSession(db, viewer.userId)
    expect(await removeAccount(db, admin, viewer.userId)).toEqual({ email: viewer.email })
    expect(await sessionPrincipal(db, viewerSession)).toBeNull()
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', viewer.userId).execute()).toEqual([])
    const entry = await db.selectFrom('audit_log').select(['action', 'record_label']).where('resource', '=', 'users').where('action', '=', 'delete').executeTakeFirstOrThrow()
    expect(entry).toEqual({ action: 'delete', record_label: viewer.email })
  })

  it.skipIf(!available)('leaves an administrator when two remove each other at the same moment', async () => {
    const { db } = database
    const emails = ['racer-a@example.com', 'racer-b@example.com']
    await db.deleteFrom('users').where('role', '=', 'admin').execute()
    await db.insertInto('users').values(emails.map((email) => ({ email, name: email, password_hash: 'x', role: 'admin' as const }))).execute()
    const [first, second] = await Promise.all(emails.map((email) => principalOf(db, email)))
    const outcomes = await Promise.allSettled([removeAccount(db, first, second.userId), removeAccount(db, second, first.userId)])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ status: 403 })
    expect(await db.selectFrom('users').select('email').where('role', '=', 'admin').execute()).toHaveLength(1)
  })
})
