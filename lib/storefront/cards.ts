import type { Kysely } from 'kysely'
import { readRows } from '@/db/connection'
import { KeptStatements } from '@/db/kept-statements'
import type { Database } from '@/db/types'
import { InvalidError } from '@/lib/http/errors'
import { logoUrl } from './assets'
import { planAmounts } from './installment-math'
import { translated } from './language'
import { formatMinor, parseMinor, toMinor } from './money'

/**
 * Cards with their installment plans for an amount: one service behind the three storefront card lists
 * and the console's Installment preview. It reads a small, indexed working set of the channel (its cards
 * with bank and card type, their installments, and at most two BIN rows), then decides in memory.
 */
type CardRow = {
  id: number
  name: string
  slug: string
  card_payment_type: 'credit' | 'debit'
  is_commerce_card: boolean
  cash_payment_id: number
  installment_payment_id: number
  three_d_payment_id: number | null
  bank_id: number
  bank_name: string
  bank_slug: string
  bank_logo: string | null
  card_type_id: number
  card_type_name: string
  card_type_slug: string
  card_type_logo: string | null
}

type InstallmentRow = {
  id: number
  card_id: number
  installment_count: number
  label: string
  interest_rate: string
  is_active: boolean
  config: Record<string, unknown>
  translations: Record<string, unknown> | null
}

type WorkingSetRow = Omit<CardRow, 'id'> & Omit<InstallmentRow, 'card_id'> & { card_id: number; card_key: number }

export interface WorkingSet {
  creditCardOption: boolean
  cards: CardRow[]
  installments: Map<number, InstallmentRow[]>
}

export interface InstallmentView {
  pk: number
  installment_count: number
  label: string
  interest_rate: string
  price_with_accrued_interest: string
  monthly_price_with_accrued_interest: string
}

export interface CardView {
  pk: number
  name: string
  slug: string
  card_payment_type: 'credit' | 'debit'
  is_commerce_card: boolean
  bank: { pk: number; name: string; slug: string; logo: string | null }
  card_type: { pk: number; name: string; slug: string; logo: string | null }
  installments: InstallmentView[]
}

export type ExclusionReason = 'no_credit_card_option' | 'bin' | 'inactive' | 'bound' | 'no_pos'

export interface Evaluation {
  cards: { view: CardView; card: CardRow; plans: { installment: InstallmentRow; view: InstallmentView; first: string }[] }[]
  excluded: { card: CardRow; reason: ExclusionReason; detail: string }[]
  /** The BIN row that narrowed the answer, when one was asked for. */
  bin: { bin_number: string; card_id: number } | null
}

// Card columns without the id, which each query names its own way (installments have an id too).
const CARD_FIELDS = [
  'cards.name', 'cards.slug', 'cards.card_payment_type', 'cards.is_commerce_card', 'cards.cash_payment_id',
  'cards.installment_payment_id', 'cards.three_d_payment_id', 'banks.id as bank_id', 'banks.name as bank_name',
  'banks.slug as bank_slug', 'banks.logo as bank_logo', 'card_types.id as card_type_id', 'card_types.name as card_type_name',
  'card_types.slug as card_type_slug', 'card_types.logo as card_type_logo',
] as const

const INSTALLMENT_COLUMNS = [
  'installments.id', 'installments.card_id', 'installments.installment_count', 'installments.label', 'installments.interest_rate',
  'installments.is_active', 'installments.config', 'installments.translations',
] as const

function groupByCard(rows: InstallmentRow[]): Map<number, InstallmentRow[]> {
  const byCard = new Map<number, InstallmentRow[]>()
  for (const row of rows) {
    const list = byCard.get(row.card_id)
    if (list) list.push(row)
    else byCard.set(row.card_id, [row])
  }
  return byCard
}

/**
 * The working set of a channel. The storefront reads only active installments with their cards in one
 * query that starts from the (small) installments table, so cards without a plan (a channel may hold
 * thousands) cost nothing; `includeInactive` (the console preview, to say why) reads every card.
 */
export async function loadWorkingSet(db: Kysely<Database>, channelId: number, options: { includeInactive?: boolean } = {}): Promise<WorkingSet> {
  const optionQuery = db
    .selectFrom('payment_options')
    .select('id')
    .where('channel_id', '=', channelId)
    .where('payment_type', '=', 'credit_card')
    .where('is_active', '=', true)
    .limit(1)
  if (!options.includeInactive) {
    // Prepared (readRows): planning this join of four tables cost more than running it, on every call.
    const [found, rows] = await Promise.all([
      readRows(db, optionQuery.compile(), { prepared: true }).then((found) => found[0]),
      readRows<WorkingSetRow>(db, db
        .selectFrom('installments')
        .innerJoin('cards', 'cards.id', 'installments.card_id')
        .innerJoin('banks', 'banks.id', 'cards.bank_id')
        .innerJoin('card_types', 'card_types.id', 'cards.card_type_id')
        .select([...CARD_FIELDS, ...INSTALLMENT_COLUMNS, 'cards.id as card_key'])
        .where('cards.channel_id', '=', channelId)
        .where('installments.is_active', '=', true)
        .orderBy('cards.id')
        .orderBy('installments.installment_count')
        .compile(), { prepared: true }),
    ])
    const cards: CardRow[] = []
    for (const row of rows) {
      if (cards[cards.length - 1]?.id !== row.card_key)
        cards.push({
          id: row.card_key, name: row.name, slug: row.slug, card_payment_type: row.card_payment_type, is_commerce_card: row.is_commerce_card,
          cash_payment_id: row.cash_payment_id, installment_payment_id: row.installment_payment_id, three_d_payment_id: row.three_d_payment_id,
          bank_id: row.bank_id, bank_name: row.bank_name, bank_slug: row.bank_slug, bank_logo: row.bank_logo, card_type_id: row.card_type_id,
          card_type_name: row.card_type_name, card_type_slug: row.card_type_slug, card_type_logo: row.card_type_logo,
        })
    }
    const installments = rows.map((row) => ({
      id: row.id, card_id: row.card_key, installment_count: row.installment_count, label: row.label, interest_rate: row.interest_rate,
      is_active: row.is_active, config: row.config, translations: row.translations,
    }))
    return { creditCardOption: Boolean(found), cards, installments: groupByCard(installments) }
  }
  const [found, cards, installments] = await Promise.all([
    optionQuery.executeTakeFirst(),
    db
      .selectFrom('cards')
      .innerJoin('banks', 'banks.id', 'cards.bank_id')
      .innerJoin('card_types', 'card_types.id', 'cards.card_type_id')
      .select(['cards.id', ...CARD_FIELDS])
      .where('cards.channel_id', '=', channelId)
      .orderBy('cards.id')
      .execute(),
    db
      .selectFrom('installments')
      .innerJoin('cards', 'cards.id', 'installments.card_id')
      .select([...INSTALLMENT_COLUMNS])
      .where('cards.channel_id', '=', channelId)
      .orderBy('installments.card_id')
      .orderBy('installments.installment_count')
      .execute(),
  ])
  return { creditCardOption: Boolean(found), cards, installments: groupByCard(installments) }
}

/** `?bin_number=`: 6 to 8 digits (a card number's start), else 400 naming the field. */
export function parseBinQuery(raw: string | null): string | null {
  if (raw === null) return null
  const digits = raw.replace(/\s/g, '')
  if (!/^\d{6,8}$/.test(digits)) throw new InvalidError({ bin_number: ['Enter 6 to 8 digits of the card number.'] })
  return digits
}

/** findBin's two shapes (one candidate or two), compiled once: a card lookup with a card number's start reads it every time. */
const binStatements = new KeptStatements(2)

/** The active BIN row owning a card number's start; an 8-digit BIN wins over its 6-digit prefix. */
export async function findBin(db: Kysely<Database>, channelId: number, digits: string) {
  const candidates = digits.length >= 8 ? [digits.slice(0, 8), digits.slice(0, 6)] : [digits.slice(0, 6)]
  const statement = binStatements.statement(`bin-${candidates.length}`, [channelId, ...candidates, true], () =>
    db.selectFrom('bin_numbers').select(['bin_number', 'card_id']).where('channel_id', '=', channelId).where('bin_number', 'in', candidates).where('is_active', '=', true).compile(),
  )
  const rows = await readRows<{ bin_number: string; card_id: number }>(db, statement, { prepared: true })
  return rows.sort((a, b) => b.bin_number.length - a.bin_number.length)[0] ?? null
}

function withinBounds(config: Record<string, unknown>, amountMinor: bigint): boolean {
  const min = parseMinor(config?.min_amount)
  const max = parseMinor(config?.max_amount)
  return (min === null || amountMinor >= min) && (max === null || amountMinor <= max)
}

/** Pure: which cards and plans an amount gets, and why each other card is left out. */
export function evaluateCards(
  set: WorkingSet,
  amount: string,
  options: { language: string; bin?: { bin_number: string; card_id: number } | null; binAsked?: boolean; posForCurrency?: (card: CardRow) => boolean },
): Evaluation {
  const amountMinor = toMinor(amount)
  const result: Evaluation = { cards: [], excluded: [], bin: options.bin ?? null }
  for (const card of set.cards) {
    if (!set.creditCardOption) {
      result.excluded.push({ card, reason: 'no_credit_card_option', detail: 'The channel has no active credit card payment option.' })
      continue
    }
    if (options.binAsked && options.bin?.card_id !== card.id) {
      result.excluded.push({ card, reason: 'bin', detail: options.bin ? `BIN ${options.bin.bin_number} belongs to another card.` : 'No active BIN of this channel matches.' })
      continue
    }
    if (options.posForCurrency && !options.posForCurrency(card)) {
      result.excluded.push({ card, reason: 'no_pos', detail: 'No POS is set for this currency.' })
      continue
    }
    const rows = set.installments.get(card.id) ?? []
    const active = rows.filter((row) => row.is_active)
    if (!active.length) {
      result.excluded.push({ card, reason: 'inactive', detail: 'No active installment.' })
      continue
    }
    const applicable = active.filter((row) => withinBounds(row.config, amountMinor))
    if (!applicable.length) {
      result.excluded.push({ card, reason: 'bound', detail: `No installment allows ${formatMinor(amountMinor)} (min/max amount).` })
      continue
    }
    const plans = applicable.map((installment) => {
      const amounts = planAmounts(formatMinor(amountMinor), installment.interest_rate, installment.installment_count)
      return {
        installment,
        first: amounts.first,
        view: {
          pk: installment.id,
          installment_count: installment.installment_count,
          label: translated(installment.translations, options.language, 'label', installment.label),
          interest_rate: installment.interest_rate,
          price_with_accrued_interest: amounts.total,
          monthly_price_with_accrued_interest: amounts.monthly,
        },
      }
    })
    result.cards.push({
      card,
      plans,
      view: {
        pk: card.id,
        name: card.name,
        slug: card.slug,
        card_payment_type: card.card_payment_type,
        is_commerce_card: card.is_commerce_card,
        bank: { pk: card.bank_id, name: card.bank_name, slug: card.bank_slug, logo: logoUrl('banks', card.bank_logo, card.bank_slug) },
        card_type: { pk: card.card_type_id, name: card.card_type_name, slug: card.card_type_slug, logo: logoUrl('card-types', card.card_type_logo, card.card_type_slug) },
        installments: plans.map((plan) => plan.view),
      },
    })
  }
  return result
}

/** The storefront answer: every card at once in a DRF page ("unlimited pagination"). */
export function cardPage(cards: CardView[]) {
  return { count: cards.length, next: null, previous: null, results: cards }
}

export const EMPTY_PAGE = cardPage([])
