import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedShoppers } from '@/db/seed-data/storefront'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { TooManyRequestsError } from '@/lib/http/errors'
import { dummyPasswordHash, passwordDerivations } from './password'
import { signInShopper } from './shopper'
import type { ThrottleSettings } from './throttle'

// The storefront sign-in runs the console's throttle (lib/auth/sign-in.ts): these are the same
// promises, proven for shoppers (issue 9, item 7: five failures used to lock the owner out).
const SETTINGS: ThrottleSettings = { windowSeconds: 900, perAccountClient: 5, perClient: 20 }
const SHOPPER = { email: 'shopper@example.com', password: 'shopper-password' }

type Outcome = 'ok' | 'invalid' | 'throttled'
async function attempt(db: TestDatabase['db'], body: unknown, client: string): Promise<Outcome> {
  try {
    await signInShopper(db, body, client, SETTINGS)
    return 'ok'
  } catch (error) {
    if (error instanceof TooManyRequestsError) return 'throttled'
    return 'invalid'
  }
}

describe.each(await testEngines())('shopper sign-in on $name', ({ available, open }) => {
  let database: TestDatabase
  beforeAll(async () => {
    if (!available) return
    database = await open('shopper_signin')
    await seedShoppers(database.db, { NODE_ENV: 'test' })
    await dummyPasswordHash()
  }, 90_000)
  afterAll(async () => database?.close())

  it.skipIf(!available)('throttles the client hammering a shopper, never the shopper on another client', async () => {
    const { db } = database
    const outcomes: Outcome[] = []
    for (let i = 0; i < 8; i++) outcomes.push(await attempt(db, { email: SHOPPER.email, password: 'guess' }, '203.0.113.66'))
    expect(outcomes).toEqual([...Array(5).fill('invalid'), ...Array(3).fill('throttled')])
    expect(await attempt(db, SHOPPER, '203.0.113.66')).toBe('throttled')
    // The owner, from their own device, is not locked out (the old `login_attempts` rule locked them).
    expect(await attempt(db, SHOPPER, '198.51.100.7')).toBe('ok')
    // Console sign-ins of the same client address are not counted here (separate throttle scope).
    expect(await db.selectFrom('login_throttle').select('key').where('key', 'like', 'pair:%|203.0.113.66').execute()).toEqual([])
  })

  it.skipIf(!available)('counts atomically: 20 parallel tries run at most the limit of password checks', async () => {
    const before = passwordDerivations()
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => attempt(database.db, { email: SHOPPER.email, password: 'nope' }, '192.0.2.20')))
    expect(passwordDerivations() - before).toBe(SETTINGS.perAccountClient)
    expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(SETTINGS.perAccountClient)
    expect(outcomes.filter((outcome) => outcome === 'throttled')).toHaveLength(20 - SETTINGS.perAccountClient)
  })

  it.skipIf(!available)('costs an unknown shopper the same password work as a known one (counted, not timed)', async () => {
    const cost = async (email: string, password: string) => {
      const before = passwordDerivations()
      await attempt(database.db, { email, password }, `cost-${email}-${password}`)
      return passwordDerivations() - before
    }
    expect(await cost('no-such-shopper@example.com', 'whatever')).toBe(1)
    expect(await cost(SHOPPER.email, 'wrong')).toBe(1)
    expect(await cost(SHOPPER.email, SHOPPER.password)).toBe(1)
  })

  it.skipIf(!available)('refuses a malformed body before any throttle or password work', async () => {
    const before = passwordDerivations()
    const rows = async () => (await database.db.selectFrom('login_throttle').select('key').execute()).length
    const keys = await rows()
    for (const body of [null, [], { email: 1, password: 'x' }, { email: 'a@b.c' }, { constructor: 'x', toString: 'y' }]) expect(await attempt(database.db, body, '192.0.2.77')).toBe('invalid')
    expect(passwordDerivations()).toBe(before)
    expect(await rows()).toBe(keys)
  })
})
