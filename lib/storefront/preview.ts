import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError } from '@/lib/http/errors'
import { evaluateCards, findBin, loadWorkingSet, parseBinQuery, type ExclusionReason } from './cards'
import { LANGUAGES } from './language'
import { formatMinor, parseMinor } from './money'

/**
 * The console's Installment preview: exactly what the storefront would show for a channel, an amount and
 * optionally a BIN and currency (the same evaluateCards as the card endpoints), plus which POS takes each
 * plan and why every other card is left out.
 */
export interface PreviewInput {
  channelId: number
  amount: string
  bin?: string
  currency?: string
  language?: string
}

type PosRef = { id: number; name: string; slug: string } | null

export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  no_credit_card_option: 'No credit card option',
  bin: 'No BIN match',
  inactive: 'Inactive',
  bound: 'Amount bound',
  no_pos: 'No POS',
}

export function parsePreviewInput(channelId: number, raw: Record<string, string | undefined>): PreviewInput {
  const errors: Record<string, string[]> = {}
  const minor = parseMinor((raw.amount ?? '').replace(',', '.'))
  if (minor === null || minor <= 0n) errors.amount = ['Enter an amount greater than 0 with at most 2 decimals.']
  let bin: string | undefined
  try {
    bin = raw.bin ? (parseBinQuery(raw.bin) ?? undefined) : undefined
  } catch (error) {
    if (error instanceof InvalidError) errors.bin = error.fields.bin_number
    else throw error
  }
  const currency = (raw.currency ?? '').trim().toUpperCase()
  if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = ['Enter a 3-letter currency code.']
  const language = raw.language || 'tr'
  if (!(LANGUAGES as readonly string[]).includes(language)) errors.language = [`Choose one of ${LANGUAGES.join(', ')}.`]
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { channelId, amount: formatMinor(minor!), bin, currency: currency || undefined, language }
}

export async function previewInstallments(db: Kysely<Database>, input: PreviewInput) {
  const [set, bin, pos, perCurrency] = await Promise.all([
    loadWorkingSet(db, input.channelId, { includeInactive: true }),
    input.bin ? findBin(db, input.channelId, input.bin) : Promise.resolve(null),
    db.selectFrom('pos').select(['id', 'name', 'slug']).where('channel_id', '=', input.channelId).execute(),
    input.currency && input.currency !== 'TRY'
      ? db
          .selectFrom('multi_currency_cards')
          .innerJoin('cards', 'cards.id', 'multi_currency_cards.card_id')
          .select(['multi_currency_cards.card_id', 'multi_currency_cards.cash_payment_id', 'multi_currency_cards.installment_payment_id', 'multi_currency_cards.three_d_payment_id'])
          .where('cards.channel_id', '=', input.channelId)
          .where('multi_currency_cards.currency', '=', input.currency)
          .execute()
      : Promise.resolve(null),
  ])
  const posById = new Map(pos.map((row) => [row.id, row]))
  const ref = (id: number | null): PosRef => (id === null ? null : (posById.get(id) ?? null))
  const currencyRows = perCurrency ? new Map(perCurrency.map((row) => [row.card_id, row])) : null
  const evaluation = evaluateCards(set, input.amount, {
    language: input.language ?? 'tr',
    bin,
    binAsked: Boolean(input.bin),
    posForCurrency: currencyRows ? (card) => currencyRows.has(card.id) : undefined,
  })
  return {
    amount: input.amount,
    currency: input.currency ?? 'TRY',
    bin,
    cards: evaluation.cards.map(({ card, view, plans }) => {
      const routes = currencyRows?.get(card.id) ?? card
      return {
        view,
        perCurrency: Boolean(currencyRows),
        plans: plans.map((plan) => ({
          ...plan.view,
          first: plan.first,
          pos: ref(plan.view.installment_count === 1 ? routes.cash_payment_id : routes.installment_payment_id),
          role: plan.view.installment_count === 1 ? 'Single payment POS' : 'Installment POS',
        })),
        threeD: ref(routes.three_d_payment_id),
      }
    }),
    excluded: evaluation.excluded.map(({ card, reason, detail }) => ({ pk: card.id, name: card.name, bank: card.bank_name, reason, label: EXCLUSION_LABELS[reason], detail })),
  }
}
