import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '@/db/connection'
import { migrateToLatest } from '@/db/migrate'
import type { Database } from '@/db/types'
import { bankAccounts } from '@/lib/bank-accounts/resource'
import { banks } from '@/lib/banks/resource'
import type { Principal } from '@/lib/auth/principal'
import { NotFoundError, UniqueError } from '@/lib/http/errors'
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from './crud'

// The services take the transaction they run in: a caller composes several writes into one unit of
// work that commits or rolls back as a whole (what a refund with its ledger and audit rows needs).
describe('generic services in a caller-owned transaction', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'res-crud-test-'))
  let db: Kysely<Database>
  let channel: number
  let admin: Principal

  beforeAll(async () => {
    db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, 'db') })
    await migrateToLatest(db)
    channel = (await db.insertInto('channels').values({ name: 'Compose', slug: 'compose' }).returning('id').executeTakeFirstOrThrow()).id
    const user = await db
      .insertInto('users')
      .values({ email: 'compose@example.com', name: 'Compose', password_hash: 'x', role: 'admin' })
      .returning('id')
      .executeTakeFirstOrThrow()
    admin = { userId: user.id, email: 'compose@example.com', name: 'Compose', role: 'admin', via: 'api' }
  }, 60_000)

  afterAll(async () => {
    await db?.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  const count = async (table: 'banks' | 'bank_accounts' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const account = (bank: unknown, slug: string) => ({ bank, slug, holder_name: 'Compose Ltd', iban: 'TR330006100519786457841326', channel })

  it('creates a bank and its account in one transaction, both audited, and rolls both back together', async () => {
    const before = { banks: await count('banks'), accounts: await count('bank_accounts'), audit: await count('audit_log') }
    const rollback = new Error('roll back')
    await expect(
      db.transaction().execute(async (trx) => {
        const bank = await createRecord(trx, banks, { name: 'Gone', slug: 'gone', channel }, admin)
        // The second service sees the first one's uncommitted row: it is the same transaction.
        await createRecord(trx, bankAccounts, account(bank.pk, 'gone-account'), admin)
        expect(Number((await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before.audit + 2)
        throw rollback
      }),
    ).rejects.toBe(rollback)
    expect({ banks: await count('banks'), accounts: await count('bank_accounts'), audit: await count('audit_log') }).toEqual(before)

    const { bank, saved } = await db.transaction().execute(async (trx) => {
      const bank = await createRecord(trx, banks, { name: 'Kept', slug: 'kept', channel }, admin)
      const saved = await createRecord(trx, bankAccounts, account(bank.pk, 'kept-account'), admin)
      return { bank, saved }
    })
    expect(await getRecord(db, bankAccounts, Number(saved.pk))).toMatchObject({ bank: bank.pk, slug: 'kept-account' })
    expect(await count('audit_log')).toBe(before.audit + 2)
  })

  it('a refused write inside the transaction undoes the writes before it', async () => {
    const before = await count('banks')
    await expect(
      db.transaction().execute(async (trx) => {
        await createRecord(trx, banks, { name: 'First', slug: 'first', channel }, admin)
        await createRecord(trx, banks, { name: 'Clash', slug: 'first', channel }, admin)
      }),
    ).rejects.toBeInstanceOf(UniqueError)
    expect(await count('banks')).toBe(before)
  })

  it('updates and deletes join the same transaction', async () => {
    const bank = await db.transaction().execute((trx) => createRecord(trx, banks, { name: 'Moving', slug: 'moving', channel }, admin))
    await expect(
      db.transaction().execute(async (trx) => {
        await updateRecord(trx, banks, Number(bank.pk), { name: 'Renamed' }, 'patch', admin)
        await deleteRecord(trx, banks, Number(bank.pk), admin)
        throw new Error('undo')
      }),
    ).rejects.toThrow('undo')
    expect(await getRecord(db, banks, Number(bank.pk))).toMatchObject({ name: 'Moving' })
  })

  // runList reads the page and its count in one statement: the count's row joined to the page.
  it('lists a page with its count in one statement, the count right on a short or empty page', async () => {
    const own = (await db.insertInto('channels').values({ name: 'Listed', slug: 'listed' }).returning('id').executeTakeFirstOrThrow()).id
    const made = []
    for (const slug of ['list-a', 'list-b', 'list-c']) made.push((await db.transaction().execute((trx) => createRecord(trx, banks, { name: slug, slug, channel: own }, admin))).pk)
    const list = (query: string) => listRecords(db, banks, new URLSearchParams(query), { requestUrl: `http://x/api/v1/banks/?${query}` })

    const first = await list(`channel=${own}&limit=2`)
    expect(first).toMatchObject({ count: 3, next: `http://x/api/v1/banks/?channel=${own}&limit=2&page=2`, previous: null })
    expect(first.results.map((row) => row.pk)).toEqual(made.slice(0, 2))
    const last = await list(`channel=${own}&limit=2&page=2&ordering=-pk`)
    expect(last).toMatchObject({ count: 3, next: null, previous: `http://x/api/v1/banks/?channel=${own}&limit=2&ordering=-pk` })
    expect(last.results.map((row) => row.pk)).toEqual([made[0]])
    expect(await list(`channel=${own}&name__icontains=nothing-like-this`)).toEqual({ count: 0, next: null, previous: null, results: [] })
    await expect(list(`channel=${own}&limit=2&page=3`)).rejects.toBeInstanceOf(NotFoundError)
  })
})
