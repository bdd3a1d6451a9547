import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Migrator, type Kysely, type Migration } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from './connection'
import { migrateToLatest, renameRecordedMigrations } from './migrate'
import { migrations, renamedMigrations } from './migrations'
import { TABLES as COUNTED_BY_TRIGGERS } from './migrations/0004-row-counts'
import { COUNTED_REFERENCES } from './migrations/0015-reference-counts'
import type { Database } from './types'
import { resources } from '@/lib/resource/registry'

const dir = mkdtempSync(path.join(tmpdir(), 'res-migrate-test-'))
let count = 0
const opened: Kysely<Database>[] = []
async function open() {
  const db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, `db-${count++}`) })
  opened.push(db)
  return db
}

afterAll(async () => {
  for (const db of opened) await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** Migrations added after the renumbering: an old build never had them, so a start with a new build runs them. */
const LATER = Object.keys(migrations).filter((name) => name > '0004-row-counts')

/** The migration list as builds before the renumbering shipped it: the same code under the old names. */
function oldList(): Record<string, Migration> {
  const oldName = Object.fromEntries(Object.entries(renamedMigrations).map(([from, to]) => [to, from]))
  return Object.fromEntries(
    Object.entries(migrations)
      .filter(([name]) => !LATER.includes(name))
      .map(([name, migration]) => [oldName[name] ?? name, migration]),
  )
}

const recorded = async (db: Kysely<any>) =>
  (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((row: { name: string }) => row.name)

describe('migrations numbered in order', () => {
  it('are numbered without a repeat, in the order they run', () => {
    const names = Object.keys(migrations)
    expect(new Set(names.map((name) => name.slice(0, 4))).size).toBe(names.length)
    expect([...names].sort()).toEqual(names)
  })

  it('migrate a database recorded under the old names without running anything twice', async () => {
    const db = await open()
    const before = await new Migrator({ db, provider: { getMigrations: async () => oldList() } }).migrateToLatest()
    expect(before.error).toBeUndefined()
    expect(await recorded(db)).toEqual(['0001-initial', '0002-bin-number-indexes', '0002-import-jobs', '0002-row-counts'])
    // What Kysely does with the new list unless the names are renamed first.
    const refused = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest()
    expect(String(refused.error)).toMatch(/corrupted migrations/)

    expect(await migrateToLatest(db)).toEqual(LATER)
    expect(await recorded(db)).toEqual(Object.keys(migrations))
    // The tables of the renamed migrations are the ones their first run made, still working.
    await db.insertInto('row_counts').values({ table_name: 'probe', channel_id: 1, n: 1 }).execute()
    expect(await db.selectFrom('import_jobs').select('id').execute()).toEqual([])
    // A second start renames nothing and applies nothing.
    expect(await renameRecordedMigrations(db)).toEqual([])
    expect(await migrateToLatest(db)).toEqual([])
  }, 60_000)

  it('migrate a database stopped part-way under the old names, then run what is left', async () => {
    const db = await open()
    const partial = Object.fromEntries(Object.entries(oldList()).slice(0, 3))
    expect((await new Migrator({ db, provider: { getMigrations: async () => partial } }).migrateToLatest()).error).toBeUndefined()
    expect(await migrateToLatest(db)).toEqual(['0004-row-counts', ...LATER])
    expect(await recorded(db)).toEqual(Object.keys(migrations))
  }, 60_000)

  it('migrate a fresh database with nothing to rename', async () => {
    const db = await open()
    expect(await renameRecordedMigrations(db)).toEqual([])
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations))
  }, 60_000)

  it('step back over the version migrations (0015, 0014, 0013) with row counts still kept, then forward again', async () => {
    const db = await open()
    await migrateToLatest(db)
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    for (let step = 0; step < 3; step += 1) expect((await migrator.migrateDown()).error).toBeUndefined()
    expect(await recorded(db)).not.toContain('0013-row-count-versions')
    const channel = (await db.insertInto('channels').values({ name: 'C', slug: 'c' }).returning('id').executeTakeFirstOrThrow()).id
    const count = async () => Number((await db.selectFrom('row_counts').select('n').where('table_name', '=', 'bin_numbers').where('channel_id', '=', channel).executeTakeFirst())?.n ?? 0)
    const pos = (await db.insertInto('pos').values({ name: 'P', slug: 'p', gateway: 'g', config: '{}', resource_url: 'https://pos.example', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
    const bank = (await db.insertInto('banks').values({ name: 'B', slug: 'b', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
    const type = (await db.insertInto('card_types').values({ name: 'T', slug: 't', channel_id: channel }).returning('id').executeTakeFirstOrThrow()).id
    const card = (
      await db
        .insertInto('cards')
        .values({ name: 'C', slug: 'c', bank_id: bank, card_type_id: type, card_payment_type: 'credit', cash_payment_id: pos, installment_payment_id: pos, is_commerce_card: false, channel_id: channel })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db.insertInto('bin_numbers').values([{ bin_number: '411111', card_id: card, channel_id: channel, is_active: true }, { bin_number: '411112', card_id: card, channel_id: channel, is_active: true }]).execute()
    await db.updateTable('bin_numbers').set({ is_active: false }).where('bin_number', '=', '411111').execute()
    expect(await count()).toBe(2)
    await db.deleteFrom('bin_numbers').where('bin_number', '=', '411112').execute()
    expect(await count()).toBe(1)
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).filter((name) => name >= '0013'))
    await db.insertInto('bin_numbers').values({ bin_number: '411113', card_id: card, channel_id: channel, is_active: true }).execute()
    expect(await count()).toBe(2)
    // 0015 counted the card's BINs already there, and its triggers count what comes after.
    const cardCount = async () => Number((await db.selectFrom('reference_counts').select('n').where('table_name', '=', 'bin_numbers').where('column_name', '=', 'card_id').where('value', '=', card).executeTakeFirst())?.n ?? 0)
    expect(await cardCount()).toBe(2)
    await db.deleteFrom('bin_numbers').where('bin_number', '=', '411111').execute()
    expect(await cardCount()).toBe(1)
  }, 60_000)

  it('keep row counts by triggers exactly for the resources whose description asks for them', () => {
    const described = Object.values(resources).filter((resource) => resource.countedRows).map((resource) => resource.table)
    expect(described.sort()).toEqual([...COUNTED_BY_TRIGGERS].sort())
    const references = Object.values(resources).flatMap((resource) =>
      (resource.countedBy ?? []).map((name) => `${resource.table}.${resource.filters[name]?.column}`),
    )
    expect(references.sort()).toEqual(COUNTED_REFERENCES.map(({ table, column }) => `${table}.${column}`).sort())
  })
})
