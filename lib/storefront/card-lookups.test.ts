import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '@/db/seed'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { availableCards, availableCardsAnswer } from './card-lookups'
import { cardPage, evaluateCards, findBin, loadWorkingSet } from './cards'

// The card lookups keep the channel's working set under the version of its tables (migration 0014): after
// any change to a payment option, card, bank, card type or installment, the next answer must be what
// reading the set afresh gives.
describe.each(await testEngines())('the kept working set on $name', ({ available, open }) => {
  let database: TestDatabase
  const channel = 1

  beforeAll(async () => {
    if (!available) return
    database = await open('card-lookups')
    await seedDatabase(database.db, { NODE_ENV: 'test' })
  }, 120_000)

  afterAll(async () => {
    await database?.close()
  })

  /** The answer read afresh, without the kept set. */
  const fresh = async (amount: string, binNumber?: string, language = 'tr') => {
    const { db } = database
    const [set, bin] = await Promise.all([loadWorkingSet(db, channel), binNumber ? findBin(db, channel, binNumber) : null])
    return cardPage(evaluateCards(set, amount, { language, bin, binAsked: Boolean(binNumber) }).cards.map((entry) => entry.view))
  }
  const same = async (what: string, amount = '500.00', binNumber?: string, language = 'tr') => {
    const answer = await availableCards(database.db, channel, amount, { language, binNumber })
    const expected = await fresh(amount, binNumber, language)
    expect(answer, what).toEqual(expected)
    // The encoded answer, kept beside the list, moves with it.
    expect(JSON.parse((await availableCardsAnswer(database.db, channel, amount, { language, binNumber })).toString()), `${what} (encoded)`).toEqual(expected)
    return answer
  }
  const changeRows = async () => Number((await sql<{ n: string }>`select count(*)::text as n from settings_changes`.execute(database.db)).rows[0].n)

  it('answers from the kept set while nothing changes, and from the new rows after each kind of change', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    const first = await same('first read')
    expect(first.count).toBeGreaterThan(5)
    await same('kept', '1234.56')
    await same('the same amount written otherwise', '1234.560')
    await same('kept, with a BIN', '500.00', '41111111')
    await same('kept, with a BIN no card owns', '500.00', '99999999')
    const english = await same('in English', '500.00', undefined, 'en')
    expect(english.results.flatMap((view) => view.installments.map((plan) => plan.label))).not.toEqual(first.results.flatMap((view) => view.installments.map((plan) => plan.label)))
    const card = first.results[0]
    const changes: [string, () => Promise<unknown>][] = [
      ['an interest rate', () => db.updateTable('installments').set({ interest_rate: '12.345678' }).where('card_id', '=', card.pk).where('installment_count', '=', card.installments.at(-1)!.installment_count).execute()],
      ['a plan switched off', () => db.updateTable('installments').set({ is_active: false }).where('card_id', '=', card.pk).where('installment_count', '=', 2).execute()],
      ['a bank renamed', () => db.updateTable('banks').set({ name: 'Renamed Bank' }).where('id', '=', card.bank.pk).execute()],
      ['a card type renamed', () => db.updateTable('card_types').set({ name: 'Renamed Type' }).where('id', '=', card.card_type.pk).execute()],
      ['a card renamed', () => db.updateTable('cards').set({ name: 'Renamed Card' }).where('id', '=', card.pk).execute()],
      ['a plan deleted', () => db.deleteFrom('installments').where('card_id', '=', card.pk).where('installment_count', '=', 3).execute()],
      ['a plan bound', () => db.updateTable('installments').set({ config: JSON.stringify({ min_amount: '600.00' }) as never }).where('card_id', '=', card.pk).execute()],
      ['the credit card option off', () => db.updateTable('payment_options').set({ is_active: false }).where('channel_id', '=', channel).where('payment_type', '=', 'credit_card').execute()],
      ['the credit card option on', () => db.updateTable('payment_options').set({ is_active: true }).where('channel_id', '=', channel).where('payment_type', '=', 'credit_card').execute()],
    ]
    for (const [what, change] of changes) {
      const before = await availableCards(db, channel, '500.00', { language: 'tr' })
      await change()
      const after = await same(what)
      expect(after, what).not.toEqual(before)
      await same(`${what}, then kept`, '750.00')
    }
  })

  it('sees a change committed by another connection', async ({ skip }) => {
    // PGlite is one connection: nothing reads beside an open transaction.
    if (!available || database.url === null) skip()
    const { db } = database
    await same('before')
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('installments').set({ interest_rate: '3.210000' }).where('installment_count', '=', 4).execute()
      // Not committed yet: the answer is still the one before it.
      expect(await availableCards(db, channel, '500.00', { language: 'tr' })).toEqual(await fresh('500.00'))
    })
    const after = await same('after the commit')
    expect(after.results.flatMap((view) => view.installments).filter((plan) => plan.installment_count === 4).every((plan) => plan.interest_rate === '3.210000')).toBe(true)
  })

  it('folds many change rows into one and keeps answering right', async ({ skip }) => {
    if (!available) skip()
    const { db } = database
    for (let index = 0; index < 210; index += 1) await db.updateTable('banks').set({ modified_date: sql`now()` }).where('id', '<', 0).execute()
    expect(await changeRows()).toBeGreaterThan(200)
    await same('many changes')
    // The fold runs beside the answer: wait for it.
    for (let tries = 0; tries < 50 && (await changeRows()) > 1; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await changeRows()).toBe(1)
    await same('after the fold')
    await db.updateTable('installments').set({ interest_rate: '4.440000' }).where('installment_count', '=', 4).execute()
    await same('a change after the fold')
  })
})
