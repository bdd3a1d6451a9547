import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '@/db/connection'
import { migrateToLatest } from '@/db/migrate'
import type { Database } from '@/db/types'
import { banks } from '@/lib/banks/resource'
import { listRecords } from './crud'
import { keptListStatements } from './list'
import { channelScope } from './references'

// A list's SQL is compiled once per shape of query and then only bound: every later list of the same
// shape must still find exactly its own rows, whatever values it binds.
describe('list statements kept by shape', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'list-statements-test-'))
  let db: Kysely<Database>
  const channels: number[] = []

  beforeAll(async () => {
    db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, 'db') })
    await migrateToLatest(db)
    for (const slug of ['first', 'second']) {
      const channel = (await db.insertInto('channels').values({ name: slug, slug }).returning('id').executeTakeFirstOrThrow()).id
      channels.push(channel)
      for (const name of ['Alpha', 'Beta', 'Gamma', '100% Bank', 'Under_score'])
        await db.insertInto('banks').values({ name: `${name} ${slug}`, slug: `${name.toLowerCase().replace(/\W/g, '-')}-${slug}`, channel_id: channel }).execute()
    }
  }, 60_000)

  afterAll(async () => {
    await db?.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  const names = async (query: string, scope?: number) =>
    (await listRecords(db, banks, new URLSearchParams(query), { scope: scope === undefined ? [] : channelScope(banks, scope) })).results.map(
      (row) => row.name,
    )

  it('binds each list’s own values into the kept SQL', async () => {
    const before = keptListStatements()
    expect(await names('name__icontains=alpha')).toEqual(['Alpha first', 'Alpha second'])
    expect(keptListStatements().kept).toBe(before.kept + 1)
    expect(await names('name__icontains=gamma')).toEqual(['Gamma first', 'Gamma second'])
    // A LIKE wildcard in the value is still matched literally.
    expect(await names('name__icontains=%')).toEqual(['100% Bank first', '100% Bank second'])
    expect(await names('name__icontains=_')).toEqual(['Under_score first', 'Under_score second'])
    expect(keptListStatements().kept).toBe(before.kept + 1)
  })

  it('keeps scopes, channels, lookups, ordering and pages apart', async () => {
    expect(await names(`channel=${channels[0]}&name__icontains=a&ordering=-name`)).toEqual(['Gamma first', 'Beta first', 'Alpha first', '100% Bank first'])
    expect(await names(`channel=${channels[1]}&name__icontains=a&ordering=-name`)).toEqual(['Gamma second', 'Beta second', 'Alpha second', '100% Bank second'])
    expect(await names('name__icontains=a&ordering=name', channels[1])).toEqual(['100% Bank second', 'Alpha second', 'Beta second', 'Gamma second'])
    const [one, two, three] = (await db.selectFrom('banks').select('id').orderBy('id').limit(3).execute()).map((row) => row.id)
    expect(await names(`id__lte=${two}`)).toHaveLength(2)
    expect(await names(`id__lte=${three}`)).toHaveLength(3)
    expect(await names(`id__gt=${one}&id__lt=${three}`)).toEqual(await names(`pk=${two}`))
    const page = await listRecords(db, banks, new URLSearchParams('limit=3&page=2&ordering=name'))
    expect(page.count).toBe(10)
    expect(page.results.map((row) => row.name)).toEqual(['Alpha second', 'Beta first', 'Beta second'])
    const last = await listRecords(db, banks, new URLSearchParams('limit=4&page=3&ordering=name'))
    expect(last.results.map((row) => row.name)).toEqual(['Under_score first', 'Under_score second'])
    // The stored count of a channel, bound for each channel.
    expect((await listRecords(db, banks, new URLSearchParams(`channel=${channels[0]}`))).count).toBe(5)
    expect((await listRecords(db, banks, new URLSearchParams(`channel=${channels[1]}&limit=2`))).count).toBe(5)
    // Every shape above was predicted, so each is compiled once.
    expect(keptListStatements().compiledEachTime).toBe(0)
  })
})
