import { InvalidError, ServiceError } from '@/lib/http/errors'
import { defineResource, type WriteContext } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { booleanFilter, decimalFilter, modelFilter, numberFilter, standardFilters } from '@/lib/resource/filters'

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/

/** Compares two non-negative decimal strings exactly (no floats): -1, 0 or 1. */
export function compareAmounts(a: string, b: string): number {
  const [wholeA, fractionA = ''] = a.split('.')
  const [wholeB, fractionB = ''] = b.split('.')
  const left = wholeA.replace(/^0+(?=\d)/, '')
  const right = wholeB.replace(/^0+(?=\d)/, '')
  if (left.length !== right.length) return left.length < right.length ? -1 : 1
  const x = left + fractionA.padEnd(2, '0')
  const y = right + fractionB.padEnd(2, '0')
  return x === y ? 0 : x < y ? -1 : 1
}

/**
 * `config.min_amount` / `config.max_amount` bound the basket amounts the installment is offered for;
 * they are money, so exact decimal strings.
 */
function validateConfig(config: Record<string, unknown>): void {
  const errors: string[] = []
  for (const key of ['min_amount', 'max_amount']) {
    const value = config[key]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' || !AMOUNT.test(value))
      errors.push(`${key}: Enter a decimal string with at most 2 decimal places, e.g. "100.00".`)
  }
  if (!errors.length && typeof config.min_amount === 'string' && typeof config.max_amount === 'string') {
    if (compareAmounts(config.min_amount, config.max_amount) > 0) errors.push('min_amount: Must not be greater than max_amount.')
  }
  if (errors.length) throw new InvalidError({ config: errors })
}

async function validateInstallment({ db, values, changes, existing }: WriteContext): Promise<void> {
  if ('config' in changes) validateConfig(changes.config as Record<string, unknown>)
  if (existing && !('card_id' in changes) && !('installment_count' in changes)) return
  // Two concurrent writes of one (card, count) would both pass the check below and the loser would hit
  // the unique constraint (a 400): locking the card first serialises them, so the second sees the first
  // and answers the spec's 406 (issue 9, item 12).
  await db.selectFrom('cards').select('id').where('id', '=', values.card_id as number).forUpdate().execute()
  let query = db
    .selectFrom('installments')
    .select('id')
    .where('card_id', '=', values.card_id as number)
    .where('installment_count', '=', values.installment_count as number)
  if (existing) query = query.where('id', '<>', existing.id)
  if (await query.executeTakeFirst())
    throw new ServiceError('installment_100_1', `Installment: ${values.installment_count} already exists.`, 'installment_count')
}

export const installments = defineResource({
  name: 'installments',
  model: 'Installment',
  table: 'installments',
  title: 'Installment',
  titlePlural: 'Installments',
  description: 'Installment plans of a card (term commission rates): the number of installments and the interest rate charged.',
  fields: {
    pk: f.pk(),
    card: f.reference({ label: 'Card', table: 'cards', resource: 'cards' }),
    installment_count: f.integer({ label: 'Installment count', min: 1, max: 99 }),
    label: f.string({ label: 'Label', maxLength: 64 }),
    interest_rate: f.decimal({ label: 'Interest rate', maxDigits: 12, decimalPlaces: 6, min: 0, default: '0' }),
    is_active: f.boolean({ label: 'Is active', default: true }),
    config: f.jsonObject({ label: 'Config', default: {} }),
    translations: f.jsonObject({ label: 'Translations', nullable: true }),
    ...f.timestamps(),
  },
  filters: {
    ...standardFilters({ channel: false }),
    card: modelFilter('card_id'),
    installment_count: numberFilter('installment_count'),
    interest_rate: decimalFilter('interest_rate'),
    is_active: booleanFilter('is_active'),
  },
  // (card, installment_count) is unique too, but the spec answers it with a 406 (installment_100_1).
  uniqueSets: [],
  defaultOrdering: ['pk'],
  label: (row) => `${row.card_id}/${row.installment_count}`,
  serviceErrors: [{ code: 'installment_100_1', description: 'The card already has an installment with this installment_count.' }],
  validate: validateInstallment,
})
