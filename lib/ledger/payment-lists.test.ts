import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import type { Database } from '@/db/types'
import { parsePaymentFilters } from './filters'
import { keptPaymentListStatements, pagePayments, streamPayments } from './payments'

// The API's ledger lists keep their SQL by which filters they apply: every later list of the same shape
// must still find exactly its own payments, whatever values it binds.
describe.each(await testEngines())('ledger list items on $name', ({ available, open }) => {
  let database: TestDatabase
  let db: Kysely<Database>

  beforeAll(async () => {
    if (!available) return
    database = await open('payment-lists')
    db = database.db
    const statuses = ['success', 'settled', 'error'] as const
    await db
      .insertInto('ledger_payments')
      .values(
        Array.from({ length: 30 }, (_, index) => ({
          payment_id: `P${String(index).padStart(2, '0')}`,
          amount: `${10 + index}.50`,
          payment_method: index % 2 ? ('mbway' as const) : ('credit_card' as const),
          status: statuses[index % 3],
          created_at: `2026-0${1 + (index % 3)}-15T12:00:00Z`,
          voided_at: index === 29 ? '2026-04-01T00:00:00Z' : null,
          additional_params: '{}',
        })),
      )
      .execute()
  }, 60_000)

  afterAll(async () => database?.close())

  const page = async (query: string) => (await pagePayments(db, parsePaymentFilters(new URLSearchParams(query)))).map((row) => row.payment_id)
  const streamed = async (query: string) => {
    const ids: string[] = []
    for await (const batch of streamPayments(db, parsePaymentFilters(new URLSearchParams(query)))) ids.push(...batch.map((row) => row.payment_id))
    return ids
  }

  it.skipIf(!available)('bind each list’s own filters, paging and keyset into the kept SQL', async () => {
    const lists = async () => [
      await page('status=settled&limit=3'),
      await page('status=error&limit=2&offset=1'),
      await page('status=error&limit=2&offset=100'),
      await streamed('payment_method=mbway&created_at_gte=2026-02-01&created_at_lte=2026-02-28'),
      await streamed('payment_method=credit_card&created_at_gte=2026-03-01&created_at_lte=2026-03-31'),
      // The voided payment has left the lists, whichever shape asks.
      await streamed('status=error&amount_gte=38'),
      await streamed('status=error&amount_gte=35'),
    ]
    const expected = [['P01', 'P04', 'P07'], ['P05', 'P08'], [], ['P01', 'P07', 'P13', 'P19', 'P25'], ['P02', 'P08', 'P14', 'P20', 'P26'], [], ['P26']]
    expect(await lists()).toEqual(expected)
    // Every shape was predicted (none is compiled each time), and asking again binds the kept SQL.
    const kept = keptPaymentListStatements()
    expect(kept.compiledEachTime).toBe(0)
    expect(await lists()).toEqual(expected)
    expect(keptPaymentListStatements()).toEqual(kept)
  })
})
