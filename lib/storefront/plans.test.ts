import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '@/db/connection'
import { migrateToLatest } from '@/db/migrate'
import { seedDatabase } from '@/db/seed'
import type { Database } from '@/db/types'
import { choosePlan } from './plans'

// The checkout's plan choice on the demo data (embedded PGlite): the test cards of DESIGN.md.
const dir = mkdtempSync(path.join(tmpdir(), 'pm-plans-'))
let db: Kysely<Database>
let pos: Record<string, number>

beforeAll(async () => {
  db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, 'db') })
  await migrateToLatest(db)
  await seedDatabase(db, { NODE_ENV: 'test' })
  pos = Object.fromEntries((await db.selectFrom('pos').select(['slug', 'id']).where('channel_id', '=', 1).execute()).map((row) => [row.slug, row.id]))
}, 120_000)

afterAll(async () => {
  await db?.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('choosePlan', () => {
  it('routes 4111 1111 1111 1111 through DummyPay with its 3-D POS, at the card list amounts', async () => {
    const plan = await choosePlan(db, 1, { amount: '500.00', cardNumber: '4111 1111 1111 1111', installmentCount: 6 })
    expect(plan).toMatchObject({ installmentCount: 6, total: '546.25', posId: pos.dummypay, threeDPosId: pos['dummypay-3d'] })
    expect(plan.installment).toMatchObject({ installment_count: 6, monthly_price_with_accrued_interest: '91.04', first: '91.05' })
    const single = await choosePlan(db, 1, { amount: '500.00', cardNumber: '4111111111111111', installmentCount: 1 })
    expect(single).toMatchObject({ total: '500.00', posId: pos.dummypay })
  })

  it('gives 5555 5555 5555 4444 no 3-D POS, refuses plans the bounds leave out, and pays unowned BINs once on the default POS', async () => {
    expect(await choosePlan(db, 1, { amount: '1000.00', cardNumber: '5555555555554444', installmentCount: 7 })).toMatchObject({ threeDPosId: null, posId: pos.dummypay })
    await expect(choosePlan(db, 1, { amount: '999.99', cardNumber: '5555555555554444', installmentCount: 7 })).rejects.toMatchObject({ fields: { installment: [expect.any(String)] } })
    expect(await choosePlan(db, 1, { amount: '10.00', cardNumber: '1000000000000008', installmentCount: 1 })).toMatchObject({ cardId: null, posId: pos.dummypay, total: '10.00' })
    await expect(choosePlan(db, 1, { amount: '10.00', cardNumber: '1000000000000008', installmentCount: 3 })).rejects.toMatchObject({ fields: { installment: [expect.any(String)] } })
  })
})
