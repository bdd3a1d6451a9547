import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedUsers } from '@/db/seed-users'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { dummyPasswordHash, passwordDerivations } from './password'
import { createSession, endSession, sessionPrincipal } from './sessions'
import { signIn } from './sign-in'
import type { ThrottleSettings } from './throttle'
import { changePassword, removeUser } from './users'

// Short, so the test of the cross-server bound waits half a second rather than five.
process.env.SESSION_CACHE_MS = '500'

const SETTINGS: ThrottleSettings = { windowSeconds: 900, perAccountClient: 5, perClient: 20 }
const ADMIN = { email: 'admin@example.com', password: 'admin-password' }
const VIEWER = { email: 'viewer@example.com', password: 'viewer-password' }

describe.each(await testEngines())('sign-in and sessions on $name', ({ name, available, open }) => {
  let database: TestDatabase
  beforeAll(async () => {
    if (!available) return
    database = await open('signin')
    await seedUsers(database.db, { NODE_ENV: 'test' })
    await dummyPasswordHash()
  }, 90_000)
  afterAll(async () => database?.close())

  it.skipIf(!available)('throttles the client hammering an account, never the owner on another client', async () => {
    const { db } = database
    const wrong = { email: ADMIN.email, password: 'guess', client: '203.0.113.66' }
    const results = []
    for (let i = 0; i < 8; i++) results.push(await signIn(db, wrong, SETTINGS))
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual([...Array(5).fill('invalid'), ...Array(3).fill('throttled')])
    // The right password from the hammering client waits too; from the owner's own client it works.
    expect(await signIn(db, { ...ADMIN, client: '203.0.113.66' }, SETTINGS)).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: expect.any(Number) })
    expect(await signIn(db, { ...ADMIN, client: '198.51.100.7' }, SETTINGS)).toMatchObject({ ok: true })
    // Other accounts from the hammering client are still open until that client's own limit.
    expect(await signIn(db, { ...VIEWER, client: '203.0.113.66' }, SETTINGS)).toMatchObject({ ok: true })
  })

  it.skipIf(!available)('counts attempts atomically: 20 parallel tries run at most the limit of password checks', async () => {
    const before = passwordDerivations()
    const tries = await Promise.all(
      Array.from({ length: 20 }, () => signIn(database.db, { email: VIEWER.email, password: 'nope', client: '192.0.2.20' }, SETTINGS)),
    )
    expect(passwordDerivations() - before).toBe(SETTINGS.perAccountClient)
    expect(tries.filter((result) => !result.ok && result.reason === 'invalid')).toHaveLength(SETTINGS.perAccountClient)
    expect(tries.filter((result) => !result.ok && result.reason === 'throttled')).toHaveLength(20 - SETTINGS.perAccountClient)
  })

  it.skipIf(!available)('limits one client spraying many accounts', async () => {
    const outcomes = []
    for (let i = 0; i < 22; i++) outcomes.push(await signIn(database.db, { email: `nobody${i}@example.com`, password: 'x', client: '192.0.2.99' }, SETTINGS))
    expect(outcomes.slice(0, 20).every((result) => !result.ok && result.reason === 'invalid')).toBe(true)
    expect(outcomes.slice(20).every((result) => !result.ok && result.reason === 'throttled')).toBe(true)
  })

  it.skipIf(!available)('costs an unknown account the same password work as a known one (counted, not timed)', async () => {
    const cost = async (email: string, password: string) => {
      const before = passwordDerivations()
      await signIn(database.db, { email, password, client: `cost-${email}` }, SETTINGS)
      return passwordDerivations() - before
    }
    expect(await cost('no-such-user@example.com', 'whatever')).toBe(1)
    expect(await cost(ADMIN.email, 'wrong')).toBe(1)
    expect(await cost(ADMIN.email, ADMIN.password)).toBe(1)
  })

  it.skipIf(!available)('ends sessions on sign-out, password change and removal, at once here and within the cache bound elsewhere', async () => {
    const { db } = database
    const admin = await db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow()
    const first = await createSession(db, admin.id)
    expect(await sessionPrincipal(db, first)).toMatchObject({ userId: admin.id, role: 'admin', via: 'console' })
    await endSession(db, first)
    expect(await sessionPrincipal(db, first)).toBeNull()

    const second = await createSession(db, admin.id)
    const third = await createSession(db, admin.id)
    expect(await sessionPrincipal(db, second)).not.toBeNull()
    await changePassword(db, admin.id, 'a-new-password')
    expect(await sessionPrincipal(db, second)).toBeNull()
    expect(await sessionPrincipal(db, third)).toBeNull()
    expect(await signIn(db, { ...ADMIN, client: 'after-change' }, SETTINGS)).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await signIn(db, { email: ADMIN.email, password: 'a-new-password', client: 'after-change' }, SETTINGS)).toMatchObject({ ok: true })

    // Another server revoking (a row deleted behind this process's cache): honoured within SESSION_CACHE_MS.
    const elsewhere = await createSession(db, admin.id)
    expect(await sessionPrincipal(db, elsewhere)).not.toBeNull()
    await db.deleteFrom('sessions').where('user_id', '=', admin.id).execute()
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SESSION_CACHE_MS ?? 5000) + 50))
    expect(await sessionPrincipal(db, elsewhere)).toBeNull()

    const viewer = await db.selectFrom('users').select('id').where('email', '=', VIEWER.email).executeTakeFirstOrThrow()
    const viewerSession = await createSession(db, viewer.id)
    expect(await sessionPrincipal(db, viewerSession)).not.toBeNull()
    await removeUser(db, viewer.id)
    expect(await sessionPrincipal(db, viewerSession)).toBeNull()
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', viewer.id).execute()).toEqual([])
    void name
  }, 20_000)
})
