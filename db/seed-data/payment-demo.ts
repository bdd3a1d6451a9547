import type { Kysely } from 'kysely'
import type { Database } from '../types'
import { seedPos } from '../seed-pos'
import { SEED_BANKS } from './banks'
import { SEED_CARD_TYPES } from './card-types'
import { SEED_CARDS, cardKey } from './cards'
import { generateBins } from './bins'
import { installmentsFor } from './installments'
import { SEED_BANK_ACCOUNTS } from './bank-accounts'
import { turkishIban } from './iban'
import { SEED_PAYMENT_OPTIONS } from './payment-options'

const SEED_BINS = generateBins(SEED_CARDS)

function idOf(ids: Map<string, number> | Record<string, number>, key: string, what: string): number {
  const id = ids instanceof Map ? ids.get(key) : ids[key]
  if (id === undefined) throw new Error(`seed: ${what} "${key}" is missing`)
  return id
}

/**
 * The payment settings of a Turkish shop in one channel. Every insert skips rows that already exist (on the
 * table's unique set) and ids are looked up afterwards, so running it again changes nothing and records
 * that were edited keep their edits.
 */
export async function seedPaymentDemo(db: Kysely<Database>, channelId: number): Promise<void> {
  const pos = await seedPos(db, channelId)

  await db
    .insertInto('banks')
    .values(SEED_BANKS.map((bank) => ({ name: bank.name, slug: bank.slug, logo: bank.logo, channel_id: channelId })))
    .onConflict((conflict) => conflict.columns(['slug', 'channel_id']).doNothing())
    .execute()
  const banks = new Map(
    (await db.selectFrom('banks').select(['id', 'slug']).where('channel_id', '=', channelId).execute()).map((row) => [row.slug, row.id]),
  )

  await db
    .insertInto('card_types')
    .values(SEED_CARD_TYPES.map((type) => ({ name: type.name, slug: type.slug, logo: type.logo, channel_id: channelId })))
    .onConflict((conflict) => conflict.columns(['slug', 'channel_id']).doNothing())
    .execute()
  const cardTypes = new Map(
    (await db.selectFrom('card_types').select(['id', 'slug']).where('channel_id', '=', channelId).execute()).map((row) => [row.slug, row.id]),
  )

  const cardRows = SEED_CARDS.map((card) => ({
    name: card.name,
    slug: card.slug,
    bank_id: idOf(banks, card.bank, 'bank'),
    card_type_id: idOf(cardTypes, card.cardType, 'card type'),
    card_payment_type: card.paymentType,
    cash_payment_id: idOf(pos, card.cash, 'POS'),
    installment_payment_id: idOf(pos, card.installment, 'POS'),
    three_d_payment_id: card.threeD ? idOf(pos, card.threeD, 'POS') : null,
    is_commerce_card: card.commerce ?? false,
    channel_id: channelId,
  }))
  // Cards have two unique sets; a conflict on either means the card is already there.
  await db.insertInto('cards').values(cardRows).onConflict((conflict) => conflict.doNothing()).execute()
  const existing = new Map(
    (
      await db
        .selectFrom('cards')
        .select(['id', 'bank_id', 'card_type_id', 'card_payment_type'])
        .where('channel_id', '=', channelId)
        .execute()
    ).map((row) => [cardKey(row.bank_id, row.card_type_id, row.card_payment_type), row.id]),
  )
  const cards = new Map(
    cardRows.map((row, index) => [SEED_CARDS[index].slug, idOf(existing, cardKey(row.bank_id, row.card_type_id, row.card_payment_type), 'card')]),
  )

  await db
    .insertInto('bin_numbers')
    .values(SEED_BINS.map((bin) => ({ bin_number: bin.bin, card_id: idOf(cards, bin.card, 'card'), is_active: bin.isActive, channel_id: channelId })))
    .onConflict((conflict) => conflict.columns(['bin_number', 'channel_id']).doNothing())
    .execute()

  await db
    .insertInto('installments')
    .values(
      SEED_CARDS.flatMap((card) =>
        installmentsFor(card).map((plan) => ({
          card_id: idOf(cards, card.slug, 'card'),
          installment_count: plan.count,
          label: plan.label,
          interest_rate: plan.interestRate,
          is_active: plan.isActive,
          config: JSON.stringify(plan.config),
          translations: JSON.stringify(plan.translations),
        })),
      ),
    )
    .onConflict((conflict) => conflict.columns(['card_id', 'installment_count']).doNothing())
    .execute()

  // Two unique sets again (slug and IBAN per channel).
  await db
    .insertInto('bank_accounts')
    .values(
      SEED_BANK_ACCOUNTS.map((account, index) => ({
        bank_id: idOf(banks, account.bank, 'bank'),
        slug: account.slug,
        holder_name: account.holderName,
        iban: turkishIban(SEED_BANKS.find((bank) => bank.slug === account.bank)!.code, account.account),
        is_active: account.isActive,
        sort_order: index + 1,
        description: account.description,
        channel_id: channelId,
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .execute()

  await db
    .insertInto('payment_options')
    .values(
      SEED_PAYMENT_OPTIONS.map((option) => ({
        name: option.name,
        slug: option.slug,
        payment_type: option.paymentType,
        sort_order: option.sortOrder,
        is_active: option.isActive,
        config: JSON.stringify(option.config),
        translations: JSON.stringify(option.translations),
        channel_id: channelId,
      })),
    )
    .onConflict((conflict) => conflict.columns(['slug', 'channel_id']).doNothing())
    .execute()
}
