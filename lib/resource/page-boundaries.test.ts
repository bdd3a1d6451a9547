import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { binNumbers } from '@/lib/bin-numbers/resource'
import { listRecords } from './crud'
import { deepPageReads, keptPageReads } from './list'

// Deep pages of a counted list start at a boundary kept from an earlier read when nothing has changed
// since (the row_counts version says so), and read from the start again after any write: every answer
// must be what the plain offset query gives at that moment.
describe.each(await testEngines())('deep pages from kept boundaries on $name', ({ available, open }) => {
  let database: TestDatabase
  const channels: number[] = []
  const cards: number[] = []

  beforeAll(async () => {
    if (!available) return
    database = await open('page-boundaries')
    const { db } = database
    for (const slug of ['first', 'second']) {
      const channel = (await db.insertInto('channels').values({ name: slug, slug }).returning('id').executeTakeFirstOrThrow()).id
      channels.push(channel)
      const pos = (await db.insertInto('pos').values({ name: 'P', slug: 'p', gateway: 'g', config: '{}', resource_url: 'https://pos.example', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
      const bank = (await db.insertInto('banks').values({ name: 'B', slug: 'b', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
      const type = (await db.insertInto('card_types').values({ name: 'T', slug: 't', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
      const card = await db
        .insertInto('cards')
        .values({ name: 'C', slug: 'c', bank_id: bank, card_type_id: type, card_payment_type: 'credit', cash_payment_id: pos, installment_payment_id: pos, is_commerce_card: false, channel_id: channel })
        .returning('id')
        .executeTakeFirstOrThrow()
      cards.push(card.id)
    }
    // 3,000 BINs, three modified per second (ties broken by id), alternating channels.
    await sql`
      insert into bin_numbers (bin_number, card_id, channel_id, modified_date)
      select lpad(n::text, 6, '0'), case when n % 2 = 0 then ${cards[0]}::int else ${cards[1]}::int end,
        case when n % 2 = 0 then ${channels[0]}::int else ${channels[1]}::int end, timestamptz '2026-01-01 00:00:00.123456+00' + (n / 3) * interval '1 second'
      from generate_series(1, 3000) as n
    `.execute(db)
  }, 120_000)

  afterAll(async () => {
    await database?.close()
  })

  const list = (query: string) => listRecords(database.db, binNumbers, new URLSearchParams(query))
  /** The page as the plain offset query finds it now. */
  const expected = async (direction: 'asc' | 'desc', page: number, limit = 20, channel?: number) =>
    (
      await database.db
        .selectFrom('bin_numbers')
        .select('id')
        .$if(channel !== undefined, (query) => query.where('channel_id', '=', channel!))
        .orderBy('modified_date', direction)
        .orderBy('id', direction)
        .limit(limit)
        .offset((page - 1) * limit)
        .execute()
    ).map((row) => row.id)
  const ids = (answer: Awaited<ReturnType<typeof list>>) => answer.results.map((row) => row.pk)

  it('starts a deep page, and the page after it, at boundaries kept while nothing changes', async ({ skip }) => {
    if (!available) skip()
    const before = deepPageReads()
    expect(ids(await list('ordering=-modified_date&page=60'))).toEqual(await expected('desc', 60))
    expect(ids(await list('ordering=-modified_date&page=60'))).toEqual(await expected('desc', 60))
    expect(ids(await list('ordering=-modified_date&page=61'))).toEqual(await expected('desc', 61))
    expect(ids(await list('ordering=-modified_date&page=62&limit=20'))).toEqual(await expected('desc', 62))
    // Another limit: the boundary of the same offset serves it.
    expect(ids(await list('ordering=-modified_date&page=31&limit=40'))).toEqual(await expected('desc', 31, 40))
    const last = await list('ordering=-modified_date&page=150')
    expect(ids(last)).toEqual(await expected('desc', 150))
    expect([last.results.length, last.count, last.next]).toEqual([20, 3000, null])
    // Past the end from a boundary: DRF's "Invalid page." as from the start.
    await expect(list('ordering=-modified_date&page=151')).rejects.toThrow('Invalid page.')
    const after = deepPageReads()
    expect(after.fromStart - before.fromStart).toBe(2)
    expect(after.fromBoundary - before.fromBoundary).toBe(5)
    // Ascending, and by the id alone.
    expect(ids(await list('ordering=modified_date&page=55'))).toEqual(await expected('asc', 55))
    expect(ids(await list('ordering=modified_date&page=56'))).toEqual(await expected('asc', 56))
    expect(ids(await list('ordering=-id&page=52&limit=20'))).toEqual((await database.db.selectFrom('bin_numbers').select('id').orderBy('id', 'desc').limit(20).offset(1020).execute()).map((row) => row.id))
  })

  it('reads from the start again after any write that can move a row', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    const page = () => list('ordering=-modified_date&page=60')
    expect(ids(await page())).toEqual(await expected('desc', 60))
    const writes: [string, () => Promise<unknown>][] = [
      // An update of the ordering column only (no count changes) moves a row from after the boundary to the top.
      ['an update', () => db.updateTable('bin_numbers').set({ modified_date: '2027-01-01T00:00:00Z' }).where('id', '=', sql<number>`(select max(id) - 1400 from bin_numbers)`).execute()],
      ['an insert in another channel', () => db.insertInto('bin_numbers').values({ bin_number: '99999999', is_active: true, card_id: cards[1], channel_id: channels[1], modified_date: '2027-02-01T00:00:00Z' }).execute()],
      ['a delete', () => db.deleteFrom('bin_numbers').where('bin_number', '=', '99999999').execute()],
      ['a channel move', () => db.updateTable('bin_numbers').set({ channel_id: channels[0], card_id: cards[0] }).where('bin_number', '=', '000001').execute()],
    ]
    for (const [what, write] of writes) {
      const before = deepPageReads()
      await write()
      expect(ids(await page()), what).toEqual(await expected('desc', 60))
      expect(deepPageReads().stale - before.stale, what).toBe(1)
      expect(ids(await page()), what).toEqual(await expected('desc', 60))
      expect(deepPageReads().fromBoundary - before.fromBoundary, what).toBe(1)
    }
  })

  it('keeps each channel’s boundaries under that channel’s version', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    const page = (channel: number) => list(`channel=${channel}&ordering=-modified_date&page=70&limit=15`)
    for (const channel of channels) {
      expect(ids(await page(channel))).toEqual(await expected('desc', 70, 15, channel))
      expect(ids(await page(channel))).toEqual(await expected('desc', 70, 15, channel))
    }
    await db.updateTable('bin_numbers').set({ modified_date: '2027-03-01T00:00:00Z' }).where('channel_id', '=', channels[1]).where('bin_number', '=', '000003').execute()
    const before = deepPageReads()
    expect(ids(await page(channels[0]))).toEqual(await expected('desc', 70, 15, channels[0]))
    expect(ids(await page(channels[1]))).toEqual(await expected('desc', 70, 15, channels[1]))
    const after = deepPageReads()
    expect([after.fromBoundary - before.fromBoundary, after.stale - before.stale]).toEqual([1, 1])
  })

  it('counts a card’s BINs from its kept count, and keeps its boundaries under that card’s version', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    const counted = async (card: number) => Number((await db.selectFrom('bin_numbers').select(sql<number>`count(*)`.as('n')).where('card_id', '=', card).executeTakeFirstOrThrow()).n)
    const countOf = async (card: number) => (await list(`card=${card}&limit=1`)).count
    // A second card in the first channel, given about half of the first card's BINs by one update.
    const first = await db.selectFrom('cards').selectAll().where('id', '=', cards[0]).executeTakeFirstOrThrow()
    const { id: _id, created_date: _created, modified_date: _modified, ...copy } = first
    const other = (await db.insertInto('cards').values({ ...copy, name: 'Other', slug: 'other', card_payment_type: 'debit' }).returning('id').executeTakeFirstOrThrow()).id
    expect(await countOf(other)).toBe(0)
    await db.updateTable('bin_numbers').set({ card_id: other }).where('card_id', '=', cards[0]).where('bin_number', '<', '002400').execute()
    for (const card of [cards[0], other, cards[1]]) expect(await countOf(card)).toBe(await counted(card))
    expect(await countOf(other)).toBeGreaterThan(1100)

    const expectedPage = async (card: number, page: number) =>
      (await db.selectFrom('bin_numbers').select('id').where('card_id', '=', card).orderBy('modified_date', 'desc').orderBy('id', 'desc').limit(20).offset((page - 1) * 20).execute()).map((row) => row.id)
    const page = (card: number) => list(`card=${card}&ordering=-modified_date&page=55`)
    expect(ids(await page(other))).toEqual(await expectedPage(other, 55))
    let before = deepPageReads()
    expect(ids(await page(other))).toEqual(await expectedPage(other, 55))
    expect(deepPageReads().fromBoundary - before.fromBoundary).toBe(1)
    // A write to another card's rows leaves this card's boundaries standing; a write to its own does not.
    await db.updateTable('bin_numbers').set({ modified_date: '2027-04-01T00:00:00Z' }).where('card_id', '=', cards[0]).where('bin_number', '=', '002500').execute()
    before = deepPageReads()
    expect(ids(await page(other))).toEqual(await expectedPage(other, 55))
    expect([deepPageReads().fromBoundary - before.fromBoundary, deepPageReads().stale - before.stale]).toEqual([1, 0])
    await db.updateTable('bin_numbers').set({ modified_date: '2027-04-01T00:00:00Z' }).where('card_id', '=', other).where('bin_number', '=', '001000').execute()
    before = deepPageReads()
    expect(ids(await page(other))).toEqual(await expectedPage(other, 55))
    expect(deepPageReads().stale - before.stale).toBe(1)

    // Deletes, and the card's own delete (its BINs go by cascade), keep the count exact.
    await db.deleteFrom('bin_numbers').where('card_id', '=', other).where('bin_number', '<', '000500').execute()
    expect(await countOf(other)).toBe(await counted(other))
    await db.deleteFrom('cards').where('id', '=', other).execute()
    expect(await countOf(cards[0])).toBe(await counted(cards[0]))
    // (Its kept row stays, at 0, as a channel's row in row_counts does.)
    expect(Number((await db.selectFrom('reference_counts').select('n').where('value', '=', other).executeTakeFirstOrThrow()).n)).toBe(0)
  })

  it('never keeps boundaries of a list ordered in two directions', async ({ skip }) => {
    if (!available) skip()
    const before = deepPageReads()
    await list('ordering=-modified_date,bin_number&page=60')
    expect(deepPageReads()).toEqual(before)
  })

  it('keeps a first page whole while nothing changes, and reads its rows again after any write', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    const card = cards[0]
    const plain = async () => (await db.selectFrom('bin_numbers').select(['id', 'is_active']).where('card_id', '=', card).orderBy('id').limit(20).execute()).map((row) => [row.id, row.is_active])
    const shown = (answer: Awaited<ReturnType<typeof list>>) => answer.results.map((row) => [row.pk, row.is_active])
    let before = keptPageReads()
    const first = await list(`card=${card}`)
    expect(await list(`card=${card}`)).toEqual(first)
    const unfiltered = await list('')
    expect(await list('')).toEqual(unfiltered)
    expect(shown(first)).toEqual(await plain())
    let after = keptPageReads()
    expect([after.read - before.read, after.kept - before.kept]).toEqual([2, 2])

    // A write by plain SQL (as psql or another process would make it) moves the card's version and the table's.
    const [row] = first.results as { pk: number; is_active: boolean }[]
    await sql`update bin_numbers set is_active = ${!row.is_active} where id = ${row.pk}`.execute(db)
    before = keptPageReads()
    const changed = await list(`card=${card}`)
    expect(changed.results[0].is_active).toBe(!row.is_active)
    expect(shown(changed)).toEqual(await plain())
    expect((await list('')).results.find((item) => item.pk === row.pk)?.is_active ?? !row.is_active).toBe(!row.is_active)
    after = keptPageReads()
    expect([after.read - before.read, after.kept - before.kept]).toEqual([2, 0])

    // A write rolled back moves nothing: the kept rows answer.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update bin_numbers set is_active = ${row.is_active} where id = ${row.pk}`.execute(trx)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    before = keptPageReads()
    expect(await list(`card=${card}`)).toEqual(changed)
    after = keptPageReads()
    expect([after.read - before.read, after.kept - before.kept]).toEqual([0, 1])

    // Other pages and limits are kept apart; a filter without a stored count is never kept.
    expect(ids(await list(`card=${card}&page=2`))).not.toEqual(ids(changed))
    expect((await list(`card=${card}&limit=5`)).results).toEqual(changed.results.slice(0, 5))
    before = keptPageReads()
    await list(`card=${card}&is_active=true`)
    await list(`card=${card}&is_active=true`)
    expect(keptPageReads()).toEqual(before)
    await sql`update bin_numbers set is_active = ${row.is_active} where id = ${row.pk}`.execute(db)
  })

  it('counts and pages nothing after a truncate', async ({ skip }) => {
    if (!available) skip()
    expect(ids(await list('ordering=-modified_date&page=60'))).toEqual(await expected('desc', 60))
    await sql`truncate bin_numbers`.execute(database.db)
    await expect(list('ordering=-modified_date&page=60')).rejects.toThrow('Invalid page.')
    // (First pages kept before the truncate are read again: it moved the versions.)
    expect(await list('')).toMatchObject({ count: 0, results: [] })
    expect((await list('ordering=-modified_date')).count).toBe(0)
    expect(await list(`card=${cards[0]}`)).toMatchObject({ count: 0, results: [] })
  })
})
