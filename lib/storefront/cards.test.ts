import { describe, expect, it } from 'vitest'
import { evaluateCards, parseBinQuery, type WorkingSet } from './cards'
import { pickLanguage } from './language'

function card(id: number, slug: string) {
  return {
    id, name: slug, slug, card_payment_type: 'credit' as const, is_commerce_card: false, cash_payment_id: 1, installment_payment_id: 2,
    three_d_payment_id: null, bank_id: 1, bank_name: 'Bank', bank_slug: 'bank', bank_logo: null, card_type_id: 1, card_type_name: 'Type',
    card_type_slug: 'type', card_type_logo: null,
  }
}

function plan(id: number, cardId: number, count: number, options: { active?: boolean; config?: Record<string, unknown> } = {}) {
  return {
    id, card_id: cardId, installment_count: count, label: `${count} Installments`, interest_rate: `${count - 1}.000000`, is_active: options.active ?? true,
    config: options.config ?? {}, translations: { tr: { label: `${count} Taksit` } },
  }
}

const SET: WorkingSet = {
  creditCardOption: true,
  cards: [card(1, 'bounded'), card(2, 'inactive'), card(3, 'capped')],
  installments: new Map([
    [1, [plan(11, 1, 1), plan(12, 1, 4, { config: { min_amount: '500.00' } })]],
    [2, [plan(21, 2, 1, { active: false })]],
    [3, [plan(31, 3, 3, { config: { max_amount: 100 } })]],
  ]),
}

describe('evaluateCards', () => {
  it('applies min/max bounds exactly, leaves out cards without an applicable plan and says why', () => {
    const below = evaluateCards(SET, '499.99', { language: 'tr' })
    expect(below.cards.map((entry) => [entry.view.slug, entry.view.installments.map((p) => p.installment_count)])).toEqual([['bounded', [1]]])
    expect(below.excluded.map((entry) => [entry.card.slug, entry.reason])).toEqual([['inactive', 'inactive'], ['capped', 'bound']])
    const at = evaluateCards(SET, '500.00', { language: 'en' })
    expect(at.cards[0].view.installments.map((p) => [p.installment_count, p.label, p.price_with_accrued_interest])).toEqual([[1, '1 Installments', '500.00'], [4, '4 Installments', '515.00']])
    expect(evaluateCards(SET, '100.00', { language: 'tr' }).cards.map((entry) => entry.view.slug)).toEqual(['bounded', 'capped'])
  })

  it('narrows to the BIN owner and shows nothing without a credit card option', () => {
    const narrowed = evaluateCards(SET, '600.00', { language: 'tr', bin: { bin_number: '12345678', card_id: 1 }, binAsked: true })
    expect(narrowed.cards.map((entry) => entry.view.slug)).toEqual(['bounded'])
    expect(evaluateCards(SET, '600.00', { language: 'tr', bin: null, binAsked: true }).cards).toEqual([])
    const off = evaluateCards({ ...SET, creditCardOption: false }, '600.00', { language: 'tr' })
    expect(off.cards).toEqual([])
    expect(off.excluded.every((entry) => entry.reason === 'no_credit_card_option')).toBe(true)
  })

  it('parses ?bin_number= and Accept-Language', () => {
    expect(parseBinQuery('4111 11')).toBe('411111')
    expect(parseBinQuery(null)).toBeNull()
    expect(() => parseBinQuery('41111')).toThrow()
    expect(pickLanguage('en-US,en;q=0.9,tr;q=0.8')).toBe('en')
    expect(pickLanguage('xx, de;q=0.5')).toBe('de')
    expect(pickLanguage('tr;q=0.1, fr;q=0.2')).toBe('fr')
    expect(pickLanguage(undefined)).toBe('tr')
  })
})
