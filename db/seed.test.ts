import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { prepareDatabase } from './bootstrap'
import { ADMIN_URL, adminQuery, postgresReachable } from './test-engines'
import { createDb } from './connection'
import { migrateToLatest } from './migrate'
import { DEMO_CHANNELS, seedDatabase } from './seed'
import { generateBins } from './seed-data/bins'
import { SEED_CARDS } from './seed-data/cards'
import { turkishIban } from './seed-data/iban'
import type { Database } from './types'
import { banks } from '@/lib/banks/resource'
import { cardTypes } from '@/lib/card-types/resource'
import { paymentOptions } from '@/lib/payment-options/resource'

// Only the variables a test names: the seed reads credentials and tokens from its env argument.
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: 'test', ...vars })


// An IBAN check written independently of db/seed-data/iban.ts: the whole number modulo 97 must be 1.
function ibanIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55))
  return BigInt(digits) % 97n === 1n
}

const TABLES = ['channels', 'users', 'pos', 'banks', 'card_types', 'cards', 'bin_numbers', 'installments', 'bank_accounts', 'payment_options'] as const

/** Every seeded row without its timestamps, to prove that a second seed changes nothing at all. */
async function snapshot(db: Kysely<Database>) {
  const result: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().orderBy('id').execute()
    result[table] = rows.map((row) => {
      const { created_date, modified_date, password_hash, ...rest } = row as Record<string, unknown>
      return rest
    })
  }
  return result
}

type EngineSetup = { open: () => Promise<Kysely<Database>>; cleanup: () => Promise<void> }

function pgliteEngine(): EngineSetup {
  const dir = mkdtempSync(path.join(tmpdir(), 'h4-seed-test-'))
  let count = 0
  return {
    open: () => createDb(env({ PGLITE_DIR: path.join(dir, `db-${count++}`) })),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

function postgresEngine(): EngineSetup {
  const names: string[] = []
  return {
    open: async () => {
      const name = `pm_seed_test_${process.pid}_${Date.now()}_${names.length}`
      await adminQuery(`create database ${name}`)
      names.push(name)
      const url = new URL(ADMIN_URL)
      url.pathname = `/${name}`
      return createDb(env({ DATABASE_URL: url.toString() }))
    },
    cleanup: async () => {
      for (const name of names) await adminQuery(`drop database if exists ${name} with (force)`)
    },
  }
}

const pgUp = await postgresReachable()
const engines: [string, () => EngineSetup, boolean][] = [
  ['pglite', pgliteEngine, true],
  ['postgres', postgresEngine, pgUp],
]

describe.each(engines)('demo seed on %s', (_name, makeEngine, available) => {
  const opened: Kysely<Database>[] = []
  let engine: EngineSetup
  let db: Kysely<Database>

  beforeAll(async () => {
    if (!available) return
    engine = makeEngine()
    db = await engine.open()
    opened.push(db)
    await migrateToLatest(db)
    await seedDatabase(db, env())
  }, 120_000)

  afterAll(async () => {
    for (const handle of opened) await handle.destroy()
    await engine?.cleanup()
  }, 60_000)

  it.skipIf(!available)('seeds both demo channels and the two users', async () => {
    const channels = await db.selectFrom('channels').select(['name', 'slug']).orderBy('id').execute()
    expect(channels).toEqual(DEMO_CHANNELS)
    const users = await db.selectFrom('users').select(['email', 'role']).orderBy('email').execute()
    expect(users).toEqual([
      { email: 'admin@example.com', role: 'admin' },
      { email: 'viewer@example.com', role: 'viewer' },
    ])
  })

  it.skipIf(!available)('gives every channel banks, card types, POS, cards and at least 300 BINs', async () => {
    const channels = await db.selectFrom('channels').select('id').execute()
    for (const { id } of channels) {
      const count = async (table: 'banks' | 'card_types' | 'pos' | 'cards' | 'bin_numbers' | 'bank_accounts' | 'payment_options') =>
        Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).where('channel_id', '=', id).executeTakeFirstOrThrow()).n)
      expect(await count('banks')).toBeGreaterThanOrEqual(12)
      expect(await count('card_types')).toBeGreaterThanOrEqual(10)
      expect(await count('cards')).toBe(SEED_CARDS.length)
      expect(await count('bin_numbers')).toBeGreaterThanOrEqual(300)
      expect(await count('bank_accounts')).toBeGreaterThanOrEqual(5)
      const pos = await db.selectFrom('pos').select('slug').where('channel_id', '=', id).orderBy('slug').execute()
      expect(pos.map((row) => row.slug)).toEqual(expect.arrayContaining(['dummypay', 'gpay', 'iyzico', 'masterpass']))
      const types = await db.selectFrom('payment_options').select('payment_type').where('channel_id', '=', id).execute()
      expect(types.map((row) => row.payment_type).sort()).toEqual(['credit_card', 'funds_transfer', 'masterpass', 'pay_on_delivery', 'stored_card'])
    }
  })

  it.skipIf(!available)('links cards, BINs and bank accounts only to records of their own channel', async () => {
    const crossCard = await db
      .selectFrom('cards')
      .innerJoin('banks', 'banks.id', 'cards.bank_id')
      .innerJoin('card_types', 'card_types.id', 'cards.card_type_id')
      .innerJoin('pos as cash', 'cash.id', 'cards.cash_payment_id')
      .innerJoin('pos as inst', 'inst.id', 'cards.installment_payment_id')
      .leftJoin('pos as three', 'three.id', 'cards.three_d_payment_id')
      .select('cards.id')
      .where((eb) =>
        eb.or([
          eb('banks.channel_id', '!=', eb.ref('cards.channel_id')),
          eb('card_types.channel_id', '!=', eb.ref('cards.channel_id')),
          eb('cash.channel_id', '!=', eb.ref('cards.channel_id')),
          eb('inst.channel_id', '!=', eb.ref('cards.channel_id')),
          eb('three.channel_id', '!=', eb.ref('cards.channel_id')),
        ]),
      )
      .execute()
    expect(crossCard).toEqual([])
    const crossBin = await db
      .selectFrom('bin_numbers')
      .innerJoin('cards', 'cards.id', 'bin_numbers.card_id')
      .select('bin_numbers.id')
      .whereRef('cards.channel_id', '!=', 'bin_numbers.channel_id')
      .execute()
    expect(crossBin).toEqual([])
    const crossAccount = await db
      .selectFrom('bank_accounts')
      .innerJoin('banks', 'banks.id', 'bank_accounts.bank_id')
      .select('bank_accounts.id')
      .whereRef('banks.channel_id', '!=', 'bank_accounts.channel_id')
      .execute()
    expect(crossAccount).toEqual([])
  })

  it.skipIf(!available)('seeds 6- and 8-digit BINs in real network ranges', async () => {
    const bins = await db.selectFrom('bin_numbers').select(['bin_number', 'bin_number_length']).execute()
    const network = /^(4\d{5}|5[1-5]\d{4}|(222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)\d{2}|9792\d{2}|37\d{4}|(5018|5020|5038|6304|6759|676[1-3])\d{2})/
    for (const { bin_number, bin_number_length } of bins) {
      expect(bin_number).toMatch(/^(\d{6}|\d{8})$/)
      expect(bin_number).toMatch(network)
      expect(bin_number_length).toBe(bin_number.length)
    }
    expect(bins.some((row) => row.bin_number.length === 6)).toBe(true)
    expect(bins.some((row) => row.bin_number.length === 8)).toBe(true)
  })

  it.skipIf(!available)('gives every credit card installments 1 to 12 with rising rates and debit cards payment in advance', async () => {
    const rows = await db
      .selectFrom('installments')
      .innerJoin('cards', 'cards.id', 'installments.card_id')
      .select(['cards.id as card', 'cards.card_payment_type', 'installment_count', 'label', 'interest_rate', 'is_active', 'config', 'translations'])
      .orderBy('cards.id')
      .orderBy('installment_count')
      .execute()
    const byCard = new Map<number, typeof rows>()
    for (const row of rows) byCard.set(row.card, [...(byCard.get(row.card) ?? []), row])
    const cardCount = Number((await db.selectFrom('cards').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    expect(byCard.size).toBe(cardCount)
    for (const plans of byCard.values()) {
      const first = plans[0]
      expect(first).toMatchObject({ installment_count: 1, label: 'In Advance', interest_rate: '0.000000', is_active: true })
      expect(first.translations).toEqual({ tr: { label: 'Peşin' }, en: { label: 'In Advance' } })
      if (first.card_payment_type === 'debit') {
        expect(plans).toHaveLength(1)
        continue
      }
      expect(plans.map((plan) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
      for (let index = 1; index < plans.length; index++) {
        const plan = plans[index]
        expect(plan.interest_rate).toMatch(/^\d+\.\d{6}$/)
        expect(Number(plan.interest_rate)).toBeGreaterThan(Number(plans[index - 1].interest_rate))
        expect(plan.translations).toEqual({ tr: { label: `${plan.installment_count} Taksit` }, en: { label: `${plan.installment_count} Installments` } })
      }
      expect(plans[11].config).toHaveProperty('min_amount')
    }
    expect(rows.some((row) => !row.is_active)).toBe(true)
  })

  it.skipIf(!available)('seeds bank accounts with valid Turkish IBANs of their bank', async () => {
    const accounts = await db
      .selectFrom('bank_accounts')
      .innerJoin('banks', 'banks.id', 'bank_accounts.bank_id')
      .select(['iban', 'banks.slug as bank'])
      .execute()
    const codes: Record<string, string> = { 'garanti-bbva': '00062', akbank: '00046', 'is-bankasi': '00064', 'yapi-kredi': '00067', 'ziraat-bankasi': '00010', vakifbank: '00015' }
    for (const { iban, bank } of accounts) {
      expect(iban).toMatch(/^TR\d{24}$/)
      expect(ibanIsValid(iban)).toBe(true)
      expect(iban.slice(4, 9)).toBe(codes[bank])
    }
  })

  it.skipIf(!available)('stores only what the API itself would accept', async () => {
    const check = (schema: { safeParse: (value: unknown) => { success: boolean; error?: unknown } }, input: Record<string, unknown>) => {
      const result = schema.safeParse(input)
      expect(result.error, JSON.stringify(input)).toBeUndefined()
    }
    for (const row of await db.selectFrom('banks').selectAll().execute())
      check(banks.createSchema, { name: row.name, slug: row.slug, logo: row.logo, channel: row.channel_id })
    for (const row of await db.selectFrom('card_types').selectAll().execute())
      check(cardTypes.createSchema, { name: row.name, slug: row.slug, channel: row.channel_id })
    for (const row of await db.selectFrom('payment_options').selectAll().execute())
      check(paymentOptions.createSchema, {
        name: row.name, slug: row.slug, payment_type: row.payment_type, sort_order: row.sort_order,
        is_active: row.is_active, config: row.config, translations: row.translations, channel: row.channel_id,
      })
  })

  it.skipIf(!available)('changes nothing when seeded again', async () => {
    const before = await snapshot(db)
    await seedDatabase(db, env())
    expect(await snapshot(db)).toEqual(before)
  }, 60_000)

  it.skipIf(!available)('at start seeds an empty database, and a restart does not bring back deleted demo records', async () => {
    const fresh = await engine.open()
    opened.push(fresh)
    const lines: string[] = []
    await prepareDatabase(fresh, (line) => lines.push(line))
    expect(lines).toContain('Demo data seeded.')
    expect(Number((await fresh.selectFrom('bin_numbers').select(fresh.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(600)

    await fresh.deleteFrom('payment_options').where('slug', '=', 'pay_on_delivery').execute()
    vi.stubEnv('SEED_API_TOKEN', 'seed-test-token')
    try {
      await prepareDatabase(fresh, () => {})
    } finally {
      vi.unstubAllEnvs()
    }
    expect(await fresh.selectFrom('payment_options').select('id').where('slug', '=', 'pay_on_delivery').execute()).toEqual([])
    expect(await fresh.selectFrom('api_tokens').select('name').execute()).toEqual([{ name: 'SEED_API_TOKEN' }])
  }, 120_000)
})

describe('demo data generators', () => {
  it('generates the same BINs every time, none the start of another', () => {
    const bins = generateBins(SEED_CARDS)
    expect(generateBins(SEED_CARDS)).toEqual(bins)
    const six = new Set(bins.filter((bin) => bin.bin.length === 6).map((bin) => bin.bin))
    expect(new Set(bins.map((bin) => bin.bin)).size).toBe(bins.length)
    for (const bin of bins) if (bin.bin.length === 8) expect(six.has(bin.bin.slice(0, 6))).toBe(false)
  })

  it('computes IBAN check digits (registry example) and rejects malformed input', () => {
    expect(turkishIban('00061', '0519786457841326')).toBe('TR330006100519786457841326')
    expect(() => turkishIban('0006', '0519786457841326')).toThrow()
    expect(() => turkishIban('00061', '05197864578413')).toThrow()
  })
})
