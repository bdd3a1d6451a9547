import { sql } from 'kysely'
import { InvalidError, ServiceError } from '@/lib/http/errors'
import type { Row } from '@/db/types'
import { defineResource, type Db, type DbRow, type WriteContext } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { booleanFilter, charFilter, choiceFilter, dateFilter, modelFilter, standardFilters } from '@/lib/resource/filters'
import { fieldMetadata } from '@/lib/resource/metadata'
import { CURRENCY_CODES } from './currencies'
import { shownValue } from '@/lib/http/shown-value'

type CardRow = Row<'cards'> & DbRow

/** One per-currency POS override of a card (Omnitron's MultiCurrencyCard), as the API shows it. */
export interface CurrencyPos {
  currency: string
  cash_payment: number
  installment_payment: number
  three_d_payment: number | null
}

const POS_KEYS = ['cash_payment', 'installment_payment', 'three_d_payment'] as const

/** The fields of one `currency_pos` item, for `/schema/` and for parsing the references. */
const currencyPosFields = {
  currency: f.string({ label: 'Currency', maxLength: 3, help: 'ISO 4217 code, e.g. USD.' }),
  cash_payment: f.reference({ label: 'Single Payment POS', table: 'pos', resource: 'pos' }),
  installment_payment: f.reference({ label: 'Installments POS', table: 'pos', resource: 'pos' }),
  three_d_payment: f.reference({ label: '3D POS', table: 'pos', resource: 'pos', nullable: true }),
}

function parseCurrencyPos(raw: unknown): { ok: true; value: CurrencyPos[] } | { ok: false; message: string } {
  let value = raw
  if (value === null) return { ok: false, message: 'This field may not be null.' }
  if (typeof value === 'string') {
    // Forms send the list as JSON text.
    try {
      value = JSON.parse(value)
    } catch {
      return { ok: false, message: 'Value must be valid JSON.' }
    }
  }
  if (!Array.isArray(value))
    return { ok: false, message: `Expected a list of items but got type "${f.pythonType(value)}".` }
  const items: CurrencyPos[] = []
  const seen = new Set<string>()
  for (const [index, entry] of value.entries()) {
    const at = `Item ${index + 1}:`
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return { ok: false, message: `${at} Invalid data. Expected a dictionary.` }
    const unknown = Object.keys(entry).filter((key) => !Object.hasOwn(currencyPosFields, key))
    if (unknown.length) return { ok: false, message: `${at} ${unknown[0]}: Unknown field.` }
    const record = entry as Record<string, unknown>
    const currency = record.currency
    if (currency === undefined) return { ok: false, message: `${at} currency: This field is required.` }
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency) || !CURRENCY_CODES.has(currency))
      return { ok: false, message: `${at} currency: "${shownValue(currency)}" is not a valid ISO 4217 currency code.` }
    if (seen.has(currency)) return { ok: false, message: `${at} currency: ${currency} is given more than once.` }
    seen.add(currency)
    const item: Record<string, unknown> = { currency }
    for (const key of POS_KEYS) {
      const field = currencyPosFields[key]
      if (record[key] === undefined) {
        if (field.required) return { ok: false, message: `${at} ${key}: This field is required.` }
        item[key] = null
        continue
      }
      const parsed = field.parse!(record[key])
      if (!parsed.ok) return { ok: false, message: `${at} ${key}: ${parsed.message}` }
      item[key] = parsed.value
    }
    items.push(item as unknown as CurrencyPos)
  }
  return { ok: true, value: items }
}

const currencyPosField: f.FieldDef = {
  kind: 'json',
  label: 'Currency POS',
  readOnly: false,
  required: false,
  nullable: false,
  defaultValue: [],
  virtual: true,
  help: 'POS used instead of the card’s own for payments in these currencies.',
  schemaType: 'list',
  jsonSchema: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        cash_payment: { type: 'integer' },
        installment_payment: { type: 'integer' },
        three_d_payment: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
      required: ['currency', 'cash_payment', 'installment_payment'],
      additionalProperties: false,
    },
  },
  parse: parseCurrencyPos,
}

/** Spec: "Card: <bank> <card_type> <bank_slug> <channel_name> incompatible." */
async function incompatible(db: Db, values: Record<string, unknown>, channelName: string): Promise<string> {
  const [bank, cardType] = await Promise.all([
    db.selectFrom('banks').select(['name', 'slug']).where('id', '=', values.bank_id as number).executeTakeFirst(),
    db.selectFrom('card_types').select('name').where('id', '=', values.card_type_id as number).executeTakeFirst(),
  ])
  return `Card: ${bank?.name ?? ''} ${cardType?.name ?? ''} ${bank?.slug ?? ''} ${channelName} incompatible.`
}

/** The per-currency POS must exist and belong to the card's channel, like the card's own POS. */
async function validateCurrencyPos({ db, values, changes }: WriteContext): Promise<void> {
  if (!('currency_pos' in changes)) return
  const items = changes.currency_pos as CurrencyPos[]
  const ids = [...new Set(items.flatMap((item) => POS_KEYS.map((key) => item[key]).filter((id): id is number => id !== null)))]
  if (!ids.length) return
  const found = await db.selectFrom('pos').select(['id', 'channel_id']).where('id', 'in', ids).execute()
  const channelOf = new Map(found.map((row) => [row.id, row.channel_id]))
  const missing = ids.filter((id) => !channelOf.has(id))
  if (missing.length) throw new InvalidError({ currency_pos: missing.map((id) => `Invalid pk "${id}" - object does not exist.`) })
  if (ids.some((id) => channelOf.get(id) !== values.channel_id)) {
    const channel = await db.selectFrom('channels').select('name').where('id', '=', values.channel_id as number).executeTakeFirst()
    throw new ServiceError('card_100_2', await incompatible(db, values, channel?.name ?? String(values.channel_id)), 'currency_pos')
  }
}

/** Replaces the card's per-currency set, keeping the rows (and their created_date) of currencies still present. */
async function writeCurrencyPos(context: WriteContext<CardRow>, row: CardRow): Promise<void> {
  if (!('currency_pos' in context.changes)) return
  const items = context.changes.currency_pos as CurrencyPos[]
  const db = context.db
  let removal = db.deleteFrom('multi_currency_cards').where('card_id', '=', row.id)
  if (items.length) removal = removal.where('currency', 'not in', items.map((item) => item.currency))
  await removal.execute()
  if (!items.length) return
  await db
    .insertInto('multi_currency_cards')
    .values(
      items.map((item) => ({
        card_id: row.id,
        currency: item.currency,
        cash_payment_id: item.cash_payment,
        installment_payment_id: item.installment_payment,
        three_d_payment_id: item.three_d_payment,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['card_id', 'currency']).doUpdateSet((eb) => ({
        cash_payment_id: eb.ref('excluded.cash_payment_id'),
        installment_payment_id: eb.ref('excluded.installment_payment_id'),
        three_d_payment_id: eb.ref('excluded.three_d_payment_id'),
        modified_date: sql<string>`now()`,
      })),
    )
    .execute()
}

/** A card's `currency_pos`: its currency overrides, by currency, read with the card (one statement per page). */
const currencyPosOf = (table: string) => sql<CurrencyPos[]>`coalesce((
  select json_agg(json_build_object('currency', m.currency, 'cash_payment', m.cash_payment_id,
    'installment_payment', m.installment_payment_id, 'three_d_payment', m.three_d_payment_id) order by m.currency)
  from multi_currency_cards m where m.card_id = ${sql.ref(`${table}.id`)}), '[]'::json)`

export const cards = defineResource({
  name: 'cards',
  model: 'Card',
  table: 'cards',
  title: 'Card',
  titlePlural: 'Cards',
  description: 'Credit and debit cards of a bank, with the POS that take their single, installment and 3-D Secure payments.',
  fields: {
    pk: f.pk(),
    name: f.string({ label: 'Name', maxLength: 64 }),
    bank: f.reference({ label: 'Bank', table: 'banks', resource: 'banks' }),
    card_type: f.reference({ label: 'Card type', table: 'card_types', resource: 'card_types' }),
    card_payment_type: f.choice({
      label: 'Payment type',
      choices: [
        { value: 'credit', display_name: 'Credit' },
        { value: 'debit', display_name: 'Debit' },
      ],
    }),
    cash_payment: f.reference({ label: 'Single Payment POS', table: 'pos', resource: 'pos', help: 'Takes payments in one instalment.' }),
    installment_payment: f.reference({ label: 'Installments POS', table: 'pos', resource: 'pos', help: 'Takes payments in instalments.' }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    three_d_payment: f.reference({ label: '3D POS', table: 'pos', resource: 'pos', nullable: true, help: 'Takes 3-D Secure payments; none: the card pays without 3-D Secure.' }),
    is_commerce_card: f.boolean({ label: 'Commercial card', default: false, help: 'A company (business) card.' }),
    channel: f.channel(),
    currency_pos: currencyPosField,
    ...f.timestamps(),
  },
  filters: {
    ...standardFilters(),
    created_date: dateFilter('created_date'),
    // Exact as the spec documents, plus a case-insensitive search for the console.
    name: charFilter('name', ['exact', 'icontains']),
    slug: charFilter('slug'),
    bank: modelFilter('bank_id'),
    card_type: modelFilter('card_type_id'),
    card_payment_type: choiceFilter('card_payment_type', ['credit', 'debit']),
    cash_payment: modelFilter('cash_payment_id'),
    installment_payment: modelFilter('installment_payment_id'),
    three_d_payment: modelFilter('three_d_payment_id'),
    is_commerce_card: booleanFilter('is_commerce_card'),
  },
  uniqueSets: [
    ['slug', 'channel', 'bank', 'card_type'],
    ['bank', 'card_type', 'card_payment_type'],
  ],
  consolePath: '/sales-channels/payment-management/cards',
  defaultOrdering: ['pk'],
  label: (row) => String(row.slug),
  channelChange: { code: 'card_100_3', message: (channel, row) => `Channel: ${channel} of Card: ${row.slug} cannot change.` },
  sameChannel: {
    fields: ['bank', 'card_type', 'cash_payment', 'installment_payment', 'three_d_payment'],
    code: 'card_100_2',
    message: ({ db, values, channelName }) => incompatible(db, values, channelName),
  },
  validate: validateCurrencyPos,
  afterWrite: writeCurrencyPos,
  readWith: { currency_pos: currencyPosOf },
  schemaExtras: () => ({
    currency_pos: {
      child: {
        type: 'nested object',
        children: Object.fromEntries(Object.entries(currencyPosFields).map(([name, field]) => [name, fieldMetadata(field)])),
      },
    },
  }),
})
