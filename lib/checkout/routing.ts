import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError } from '@/lib/http/errors'
import { evaluateCards, findBin, loadWorkingSet } from '@/lib/storefront/cards'
import { planAmounts } from '@/lib/storefront/installment-math'

type Handle = Kysely<Database> | Transaction<Database>

/**
 * Where a payment goes and how much it is, decided on the server from the pre-order alone (the browser
 * sends only the card or stored card and the count). The card comes from the BIN; the POS from the card:
 * one instalment → its cash POS, more → its installment POS, its 3-D POS whenever it has one; a
 * per-currency POS of the card wins for that currency. A BIN no card owns pays once through the channel's
 * default POS (the active credit_card option's `config.pos_slug`). The amount is the chosen plan's total,
 * recomputed with store's installment maths on the pre-order total.
 */
export interface ChargingPos {
  id: number
  slug: string
  gateway: string
  config: Record<string, unknown>
  resource_url: string
  three_d_resource_url: string | null
}

export type PosRole = 'cash_payment' | 'installment_payment' | 'three_d_payment' | 'channel_default' | 'stored_card'

export interface PaymentRoute {
  card: { id: number; name: string; bank: string; cardType: string } | null
  installmentCount: number
  interestRate: string
  /** The pre-order total the plan was computed on. */
  baseAmount: string
  /** What the card is charged: the plan's total with interest. */
  total: string
  monthly: string
  first: string
  pos: ChargingPos
  posRole: PosRole
}

const POS_COLUMNS = ['pos.id', 'pos.slug', 'pos.gateway', 'pos.config', 'pos.resource_url', 'pos.three_d_resource_url'] as const

async function posById(db: Handle, channelId: number, id: number): Promise<ChargingPos | null> {
  return (await db.selectFrom('pos').select(POS_COLUMNS).where('pos.id', '=', id).where('pos.channel_id', '=', channelId).executeTakeFirst()) ?? null
}

/** The channel's default POS: the one the active credit_card payment option names. */
export async function channelDefaultPos(db: Handle, channelId: number): Promise<{ pos: ChargingPos; optionId: number } | null> {
  const row = await db
    .selectFrom('payment_options')
    .innerJoin('pos', (join) => join.onRef('pos.channel_id', '=', 'payment_options.channel_id').on(sql<boolean>`pos.slug = payment_options.config ->> 'pos_slug'`))
    .select([...POS_COLUMNS, 'payment_options.id as option_id'])
    .where('payment_options.channel_id', '=', channelId)
    .where('payment_options.payment_type', '=', 'credit_card')
    .where('payment_options.is_active', '=', true)
    .orderBy('payment_options.sort_order')
    .orderBy('payment_options.id')
    .executeTakeFirst()
  if (!row) return null
  const { option_id: optionId, ...pos } = row
  return { pos, optionId }
}

const NO_PLAN = (count: number) => ({ installment_count: [`This card has no ${count}-installment plan for this amount.`] })

/**
 * Routes a payment. `digits` are the card number's first 6–8 digits (a stored card's masked number gives
 * 6); `storedPosId` is the POS that tokenized a stored card, which always takes its payments.
 */
export async function routePayment(
  db: Handle,
  input: { channelId: number; currency: string; amount: string; digits: string; installmentCount: number; language: string; storedPosId?: number },
): Promise<PaymentRoute> {
  const { channelId, amount, installmentCount } = input
  const bin = await findBin(db as Kysely<Database>, channelId, input.digits)
  if (!bin) {
    if (installmentCount !== 1) throw new InvalidError({ installment_count: ['This card pays in one instalment only.'] })
    const pos = input.storedPosId !== undefined ? await posById(db, channelId, input.storedPosId) : (await channelDefaultPos(db, channelId))?.pos
    if (!pos) throw new InvalidError({ non_field_errors: ['The shop takes no card payments: no active credit card payment option names a POS.'] })
    return { card: null, installmentCount: 1, interestRate: '0.000000', baseAmount: amount, total: amount, monthly: amount, first: amount, pos, posRole: input.storedPosId !== undefined ? 'stored_card' : 'channel_default' }
  }
  const set = await loadWorkingSet(db as Kysely<Database>, channelId)
  const evaluation = evaluateCards(set, amount, { language: input.language, bin, binAsked: true })
  const entry = evaluation.cards.find((candidate) => candidate.card.id === bin.card_id)
  const plan = entry?.plans.find((candidate) => candidate.installment.installment_count === installmentCount)
  let rate = plan?.installment.interest_rate
  if (!rate) {
    // A card left without plans (none active, or none allows this amount) still pays once, at no interest.
    if (installmentCount !== 1 || (entry && entry.plans.length > 0)) throw new InvalidError(NO_PLAN(installmentCount))
    rate = '0.000000'
  }
  const card = set.cards.find((candidate) => candidate.id === bin.card_id)!
  const amounts = planAmounts(amount, rate, installmentCount)
  let posId: number | null
  let posRole: PosRole
  if (input.storedPosId !== undefined) {
    posId = input.storedPosId
    posRole = 'stored_card'
  } else {
    const perCurrency = await db
      .selectFrom('multi_currency_cards')
      .select(['cash_payment_id', 'installment_payment_id', 'three_d_payment_id'])
      .where('card_id', '=', card.id)
      .where('currency', '=', input.currency)
      .executeTakeFirst()
    const choice = perCurrency ?? { cash_payment_id: card.cash_payment_id, installment_payment_id: card.installment_payment_id, three_d_payment_id: card.three_d_payment_id }
    if (choice.three_d_payment_id !== null) {
      posId = choice.three_d_payment_id
      posRole = 'three_d_payment'
    } else if (installmentCount === 1) {
      posId = choice.cash_payment_id
      posRole = 'cash_payment'
    } else {
      posId = choice.installment_payment_id
      posRole = 'installment_payment'
    }
  }
  const pos = await posById(db, channelId, posId)
  if (!pos) throw new InvalidError({ non_field_errors: ['No POS is set up for this card.'] })
  return {
    card: { id: card.id, name: card.name, bank: card.bank_name, cardType: card.card_type_name },
    installmentCount,
    interestRate: rate,
    baseAmount: amount,
    total: amounts.total,
    monthly: amounts.monthly,
    first: amounts.first,
    pos,
    posRole,
  }
}
