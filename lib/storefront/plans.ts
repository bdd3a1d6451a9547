import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError } from '@/lib/http/errors'
import { evaluateCards, findBin, loadWorkingSet, type InstallmentView } from './cards'
import { formatMinor, toMinor } from './money'
import { optionPosSlug } from './payment-options'

/**
 * The plan a payment takes, for the checkout (issue 12): the card owning the number's BIN, the chosen
 * installment as the card lists show it, and the POS that takes it (single payment for 1, the card's
 * installment POS otherwise, per currency when the card has one, its 3-D POS). A number whose BIN no
 * card owns pays in one instalment through the channel's default POS (the active credit_card option's
 * `config.pos_slug`, DESIGN.md). Same working set and maths as the storefront endpoints.
 */
export interface ChosenPlan {
  cardId: number | null
  installment: (InstallmentView & { first: string }) | null
  installmentCount: number
  total: string
  posId: number
  threeDPosId: number | null
}

export async function choosePlan(
  db: Kysely<Database>,
  channelId: number,
  input: { amount: string; cardNumber: string; installmentCount: number; currency?: string; language?: string },
): Promise<ChosenPlan> {
  const digits = input.cardNumber.replace(/[\s-]/g, '')
  if (!/^\d{12,19}$/.test(digits)) throw new InvalidError({ card_number: ['Enter a valid card number.'] })
  const [set, bin] = await Promise.all([loadWorkingSet(db, channelId), findBin(db, channelId, digits.slice(0, 8))])
  const card = bin ? set.cards.find((row) => row.id === bin.card_id) : undefined
  if (!card) {
    if (input.installmentCount !== 1) throw new InvalidError({ installment: ['This card pays in one instalment only.'] })
    const slug = await optionPosSlug(db, channelId, 'credit_card')
    const pos = slug ? await db.selectFrom('pos').select('id').where('channel_id', '=', channelId).where('slug', '=', slug).executeTakeFirst() : undefined
    if (!pos) throw new InvalidError({ non_field_errors: ['Card payments are not set up for this shop (no active credit card option with a POS).'] })
    return { cardId: null, installment: null, installmentCount: 1, total: formatMinor(toMinor(input.amount)), posId: pos.id, threeDPosId: null }
  }
  const evaluation = evaluateCards(set, input.amount, { language: input.language ?? 'tr', bin, binAsked: true })
  const plan = evaluation.cards[0]?.plans.find((entry) => entry.view.installment_count === input.installmentCount)
  if (!plan) throw new InvalidError({ installment: [`${input.installmentCount} installments are not offered for this card and amount.`] })
  let routes: { cash_payment_id: number; installment_payment_id: number; three_d_payment_id: number | null } = card
  if (input.currency && input.currency !== 'TRY') {
    const perCurrency = await db
      .selectFrom('multi_currency_cards')
      .select(['cash_payment_id', 'installment_payment_id', 'three_d_payment_id'])
      .where('card_id', '=', card.id)
      .where('currency', '=', input.currency)
      .executeTakeFirst()
    if (!perCurrency) throw new InvalidError({ currency: [`This card has no POS for ${input.currency}.`] })
    routes = perCurrency
  }
  return {
    cardId: card.id,
    installment: { ...plan.view, first: plan.first },
    installmentCount: input.installmentCount,
    total: plan.view.price_with_accrued_interest,
    posId: input.installmentCount === 1 ? routes.cash_payment_id : routes.installment_payment_id,
    threeDPosId: routes.three_d_payment_id,
  }
}
