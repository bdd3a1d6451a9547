/**
 * The endpoints `npm run bench` measures, each with its FLOOR: the plainest SQL a bare node:http + pg
 * server (bench/floor.ts) would run to give the same answer (same JSON, count and page links). The
 * bench checks both answers are equal before measuring, then measures app and floor alternately.
 *
 * Adding an endpoint (storefront, ledger…): one entry in ENDPOINTS with
 *   - `path(data)`: a function giving the next request path (rotate over the data set's ids);
 *   - `floor`: a path regex and `answer(db, url, match)` returning the body (plain SQL, no ORM);
 *   - `list: true` when the p99 budget of lists applies.
 * `data` holds what bench/run.ts created (cards, banks, BINs); add what a new endpoint needs there.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { unsealData } from 'iron-session'
import type pg from 'pg'
import { planAmounts } from '../lib/storefront/installment-math'
import { formatMinor, parseMinor, toMinor } from '../lib/storefront/money'
import type { LedgerData } from './ledger-seed'

/** The order-management api-key the bench's app server is seeded with (SEED_OM_API_KEY), and its organization. */
export const BENCH_OM_KEY = 'om_bench_key_0123456789abcdef'
export const BENCH_OM_ORGANIZATION = 'demo'

export interface DataSet {
  cards: number[]
  banks: number[]
  bins: string[]
  binIds: [number, number]
  /** The demo shop's products (storefront channel). */
  products: number[]
  /** The cookies of a storefront visitor whose basket holds a product (the basket card lookups). */
  basketCookie: string
  /** A signed-in console admin's session cookie (PostgreSQL runs; empty on PGlite). */
  consoleCookie: string
  /** The ledger payments and orders bench/ledger-seed.ts wrote (PostgreSQL only). */
  ledger?: LedgerData
}

export interface FloorAnswer {
  status?: number
  body: unknown
}

export interface BenchEndpoint {
  name: string
  list: boolean
  /** p99 budget in ms when not the lists' 50 ms (storefront lookups: 30 ms). */
  p99BudgetMs?: number
  /** The least app/floor req/s ratio asked, when not 0.8: 1.0 where the floor's plain SQL loses (issue 8). */
  ratioTarget?: number
  /** A generator of request paths for this endpoint over the data set. */
  paths: (data: DataSet) => () => string
  /** Request headers besides the API token (a storefront visitor's cookies). */
  headers?: (data: DataSet) => Record<string, string>
  /** Measured on the app alone (no floor gives its answer yet): why. */
  noFloor?: string
  /** An HTML page: the app alone is measured and nothing is compared. */
  page?: boolean
  /** Not measured in this run when it returns a reason (its data set could not be made on this engine). */
  skip?: (data: DataSet) => string | null
  /** Top-level answer fields that differ per request or per process (OM's requestId, instanceId): the
   *  answer comparison requires them in both answers but not equal. */
  volatileFields?: string[]
  /** The floor of this path; left out when an earlier entry's floor serves the same path. */
  floor?: {
    match: RegExp
    answer: (db: pg.Pool, url: URL, match: RegExpExecArray, headers: IncomingHttpHeaders) => Promise<FloorAnswer>
  }
}

function rotating(values: (string | number)[], build: (value: string | number) => string): () => string {
  let next = 0
  return () => build(values[next++ % values.length])
}

const shuffle = <T>(values: T[]) => [...values].sort(() => Math.random() - 0.5)

/** ISO-8601 UTC with microseconds, as DRF prints timestamps. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

const BIN_COLUMNS = `id as pk, bin_number, card_id as card, is_active, channel_id as channel, bin_number_length::text as bin_number_length,
  ${iso('modified_date')} as modified_date, ${iso('created_date')} as created_date`

/** DRF's page links: the URL the client addressed with `page` moved. */
function links(url: URL, page: number, limit: number, count: number) {
  const link = (target: number) => {
    const copy = new URL(url)
    if (target === 1) copy.searchParams.delete('page')
    else copy.searchParams.set('page', String(target))
    return copy.toString()
  }
  return { next: page * limit < count ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null }
}

async function page(db: pg.Pool, url: URL, rowsSql: string, countSql: string, params: unknown[], pageNumber = 1, limit = 20) {
  const [rows, count] = await Promise.all([
    db.query(`${rowsSql} limit ${limit} offset ${(pageNumber - 1) * limit}`, params),
    db.query(countSql, params),
  ])
  const total = Number(count.rows[0].count)
  return { body: { count: total, ...links(url, pageNumber, limit, total), results: rows.rows } }
}

const SHIPPED = {
  banks: ['ziraat-bankasi', 'halkbank', 'vakifbank', 'teb', 'akbank', 'sekerbank', 'garanti-bbva', 'is-bankasi', 'yapi-kredi', 'ing', 'qnb', 'hsbc', 'denizbank', 'albaraka-turk', 'kuveyt-turk', 'turkiye-finans'],
  'card-types': ['bonus', 'bonus-business', 'miles-smiles', 'world', 'axess', 'wings', 'maximum', 'cardfinans', 'paraf', 'advantage', 'bankkart-combo', 'saglam-kart'],
}

function floorLogo(origin: string, kind: keyof typeof SHIPPED, stored: string | null, slug: string): string | null {
  if (stored) return /^https?:\/\//i.test(stored) ? stored : `${origin}/media/${stored}`
  return SHIPPED[kind].includes(slug) ? `${origin}/shop-assets/${kind}/${slug}.svg` : null
}

/** The demo shop's channel (the storefront's), as plain SQL. */
const SHOP_CHANNEL = `(select id from channels order by id limit 1)`

/** `GET /payments/cards/product/{pk}/[?bin_number=]` for a visitor without a session, Turkish labels. */
async function productCardsFloor(db: pg.Pool, url: URL, match: RegExpExecArray): Promise<FloorAnswer> {
  const product = (await db.query(`select price from products where id = $1 and channel_id = ${SHOP_CHANNEL}`, [Number(match[1])])).rows[0]
  if (!product) return { status: 404, body: { detail: 'Not found.' } }
  return cardsFloor(db, url, product.price)
}

/**
 * `GET /payments/cards/basket/[?bin_number=]` for an anonymous visitor: the basket id from the sealed
 * `osessionid` cookie (the unsealing the app pays too), the basket's total in one query, then the cards
 * for that amount as the product floor finds them.
 */
async function basketCardsFloor(db: pg.Pool, url: URL, _match: RegExpExecArray, headers: IncomingHttpHeaders): Promise<FloorAnswer> {
  const sealed = /(?:^|;\s*)osessionid=([^;]+)/.exec(headers.cookie ?? '')?.[1]
  const session = sealed
    ? await unsealData<{ basketId?: number; shopperId?: number }>(decodeURIComponent(sealed), { password: { 1: `shopper-session:${process.env.APP_SECRET}` } }).catch(() => ({}))
    : {}
  const basketId = 'basketId' in session && !('shopperId' in session && session.shopperId) ? session.basketId : undefined
  const total: string | null = basketId
    ? (
        await db.query(
          `select sum(p.price * i.quantity)::numeric(14, 2)::text as total from baskets b join basket_items i on i.basket_id = b.id
             join products p on p.id = i.product_id where b.id = $1 and b.shopper_id is null and b.channel_id = ${SHOP_CHANNEL}`,
          [basketId],
        )
      ).rows[0]?.total ?? null
    : null
  if (total === null) return { body: { count: 0, next: null, previous: null, results: [] } }
  return cardsFloor(db, url, total)
}

/** The shop's cards that take `price` (a decimal text), with their installment plans: what both card lookups answer. */
async function cardsFloor(db: pg.Pool, url: URL, price: string): Promise<FloorAnswer> {
  const channel = SHOP_CHANNEL
  const digits = url.searchParams.get('bin_number')
  const [option, rows, bins] = await Promise.all([
    db.query(`select 1 from payment_options where channel_id = ${channel} and payment_type = 'credit_card' and is_active limit 1`),
    db.query(
      `select c.id as card_id, c.name, c.slug, c.card_payment_type, c.is_commerce_card, b.id as bank_id, b.name as bank_name, b.slug as bank_slug,
         b.logo as bank_logo, t.id as type_id, t.name as type_name, t.slug as type_slug, t.logo as type_logo,
         i.id, i.installment_count, i.label, i.interest_rate, i.config, i.translations
       from installments i join cards c on c.id = i.card_id join banks b on b.id = c.bank_id join card_types t on t.id = c.card_type_id
       where c.channel_id = ${channel} and i.is_active order by c.id, i.installment_count`,
    ),
    digits
      ? db.query(`select bin_number, card_id from bin_numbers where channel_id = ${channel} and bin_number = any($1) and is_active order by length(bin_number) desc limit 1`, [
          digits.length >= 8 ? [digits.slice(0, 8), digits.slice(0, 6)] : [digits.slice(0, 6)],
        ])
      : null,
  ])
  const amount = toMinor(price)
  const results: Record<string, unknown>[] = []
  if (option.rowCount)
    for (const row of rows.rows) {
      if (bins && bins.rows[0]?.card_id !== row.card_id) continue
      const min = parseMinor(row.config?.min_amount)
      const max = parseMinor(row.config?.max_amount)
      if ((min !== null && amount < min) || (max !== null && amount > max)) continue
      let card = results[results.length - 1]
      if (card?.pk !== row.card_id) {
        card = {
          pk: row.card_id, name: row.name, slug: row.slug, card_payment_type: row.card_payment_type, is_commerce_card: row.is_commerce_card,
          bank: { pk: row.bank_id, name: row.bank_name, slug: row.bank_slug, logo: floorLogo(url.origin, 'banks', row.bank_logo, row.bank_slug) },
          card_type: { pk: row.type_id, name: row.type_name, slug: row.type_slug, logo: floorLogo(url.origin, 'card-types', row.type_logo, row.type_slug) },
          installments: [],
        }
        results.push(card)
      }
      const plan = planAmounts(formatMinor(amount), row.interest_rate, row.installment_count)
      const label = row.translations?.tr?.label
      ;(card.installments as unknown[]).push({
        pk: row.id, installment_count: row.installment_count, label: typeof label === 'string' && label.trim() ? label : row.label,
        interest_rate: row.interest_rate, price_with_accrued_interest: plan.total, monthly_price_with_accrued_interest: plan.monthly,
      })
    }
  return { body: { count: results.length, next: null, previous: null, results } }
}
/** ISO-8601 UTC with milliseconds, as the ledger and OM answers print timestamps. */
const isoMillis = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The ledger filters the bench's queries use, as plain SQL conditions (dates without a zone are UTC: the pool's TimeZone). */
const LEDGER_FILTERS: [string, string][] = [
  ['status', 'status ='],
  ['payment_method', 'payment_method ='],
  ['created_at_gte', 'created_at >='],
  ['created_at_lte', 'created_at <='],
]

/**
 * An order of the organization with its amounts, derived payment status, payments (with what each may
 * do next) and its channel's payment options as OM payment methods: one statement.
 */
const OM_ORDER_SQL = `
with o as (
  select o.seq, o.id, o.number, o.customer_uid, o.currency, o.total, o.created_at, o.channel_id,
         coalesce(sum(p.amount) filter (where p.type = 'receipt' and p.status = 'complete'), 0) as paid,
         coalesce(sum(p.amount) filter (where p.type = 'refund' and p.status = 'complete'), 0) as refunded
  from orders o left join om_payments p on p.order_id = o.id
  where o.id = $1 and o.organization_id = $2
  group by o.seq
)
select json_build_object(
  'id', o.id, 'number', o.number, 'customerUid', o.customer_uid, 'currency', o.currency,
  'total', o.total, 'paidAmount', o.paid, 'refundedAmount', o.refunded,
  'paymentStatus', case when o.refunded > 0 then case when o.refunded >= o.paid then 'refunded' else 'partially_refunded' end
                        when o.paid = 0 then 'not_paid' when o.paid < o.total then 'partially_paid'
                        when o.paid = o.total then 'paid' else 'overpaid' end,
  'createdAt', ${isoMillis('o.created_at')},
  'items', coalesce((
    select json_agg(json_build_object(
      'type', p.type, 'status', p.status, 'completedAt', ${isoMillis('p.completed_at')}, 'reversedAt', ${isoMillis('p.reversed_at')},
      'custom', p.custom, 'amount', p.amount, 'sourcePaymentId', p.source_payment_id, 'transactionRef', p.transaction_ref,
      'attrs', p.attrs, 'invoiceId', p.invoice_id, 'note', p.note,
      'createdAt', ${isoMillis('p.created_at')}, 'createdVia', p.created_via, 'createdBy', p.created_by,
      'updatedAt', ${isoMillis('p.updated_at')}, 'updatedVia', p.updated_via, 'updatedBy', p.updated_by, 'id', p.id,
      'can', case when p.status = 'pending' then json_build_array('confirm', 'update', 'delete')
                  when p.status <> 'complete' then '[]'::json
                  else array_to_json(array_remove(array[
                    case when p.type = 'receipt' and r.refunded < p.amount then 'refund' end,
                    case when p.custom and r.refunded = 0 then 'delete' end], null)) end,
      'methodUid', p.method_id::text) order by p.seq)
    from om_payments p
    cross join lateral (select coalesce(sum(f.amount), 0) as refunded from om_payments f
                        where f.order_id = o.id and f.source_payment_id = p.id and f.type = 'refund' and f.status <> 'reversed') r
    where p.order_id = o.id), '[]'),
  'paymentMethods', coalesce((
    select json_agg(json_build_object(
      'locales', coalesce((
        select json_object_agg(t.key, json_build_object(
                 'name', case when jsonb_typeof(t.value -> 'name') = 'string' then t.value ->> 'name' else m.name end,
                 'description', case when jsonb_typeof(t.value -> 'description') = 'string' then t.value ->> 'description' else '' end) order by t.ordinality)
        from jsonb_each(case when jsonb_typeof(m.translations) = 'object' then m.translations else '{}' end) with ordinality t
        where jsonb_typeof(t.value) = 'object'), json_build_object('en', json_build_object('name', m.name, 'description', ''))),
      'visible', m.is_active, 'createdAt', ${isoMillis('m.created_date')}, 'createdVia', 'console', 'createdBy', 'system',
      'updatedAt', ${isoMillis('m.modified_date')}, 'updatedVia', 'console', 'updatedBy', 'system', 'id', m.id::text) order by m.sort_order, m.id)
    from payment_options m where m.channel_id = o.channel_id), '[]')
) as body
from o`

export const ENDPOINTS: BenchEndpoint[] = [
  {
    name: 'GET /api/v1/bin_numbers/?card=X',
    list: true,
    ratioTarget: 1,
    paths: (data) => rotating(shuffle(data.cards), (card) => `/api/v1/bin_numbers/?card=${card}`),
    floor: {
      match: /^\/api\/v1\/bin_numbers\/$/,
      answer: async (db, url) => {
        const card = url.searchParams.get('card')
        if (card !== null) return page(db, url, `select ${BIN_COLUMNS} from bin_numbers where card_id = $1 order by id`, 'select count(*) from bin_numbers where card_id = $1', [Number(card)])
        const bin = url.searchParams.get('bin_number')
        if (bin !== null) return page(db, url, `select ${BIN_COLUMNS} from bin_numbers where bin_number = $1 order by id`, 'select count(*) from bin_numbers where bin_number = $1', [bin])
        if (url.searchParams.get('ordering') === '-modified_date') {
          const number = Number(url.searchParams.get('page') ?? 1)
          return page(db, url, `select ${BIN_COLUMNS} from bin_numbers order by modified_date desc, id desc`, 'select count(*) from bin_numbers', [], number)
        }
        return page(db, url, `select ${BIN_COLUMNS} from bin_numbers order by id`, 'select count(*) from bin_numbers', [])
      },
    },
  },
  {
    name: 'GET /api/v1/bin_numbers/?bin_number=…',
    list: true,
    paths: (data) => rotating(data.bins, (bin) => `/api/v1/bin_numbers/?bin_number=${bin}`),
    // its floor: the bin_numbers list floor above (one path, the query decides)
  },
  {
    name: 'GET /api/v1/bin_numbers/?ordering=-modified_date&page=500',
    list: true,
    ratioTarget: 1,
    paths: () => () => '/api/v1/bin_numbers/?ordering=-modified_date&page=500',
  },
  {
    name: 'GET /api/v1/bin_numbers/ (unfiltered, counted)',
    list: true,
    paths: () => () => '/api/v1/bin_numbers/',
  },
  {
    name: 'GET /api/v1/cards/?bank=…',
    list: true,
    paths: (data) => rotating(data.banks, (bank) => `/api/v1/cards/?bank=${bank}`),
    floor: {
      match: /^\/api\/v1\/cards\/$/,
      answer: async (db, url) => {
        const bank = Number(url.searchParams.get('bank'))
        const result = await page(
          db,
          url,
          `select c.id as pk, c.name, c.bank_id as bank, c.card_type_id as card_type, c.card_payment_type, c.cash_payment_id as cash_payment,
             c.installment_payment_id as installment_payment, c.slug, c.three_d_payment_id as three_d_payment, c.is_commerce_card,
             c.channel_id as channel,
             coalesce((select json_agg(json_build_object('currency', m.currency, 'cash_payment', m.cash_payment_id,
                 'installment_payment', m.installment_payment_id, 'three_d_payment', m.three_d_payment_id) order by m.currency)
               from multi_currency_cards m where m.card_id = c.id), '[]') as currency_pos,
             ${iso('c.modified_date')} as modified_date, ${iso('c.created_date')} as created_date
           from cards c where c.bank_id = $1 order by c.id`,
          'select count(*) from cards where bank_id = $1',
          [bank],
        )
        return result
      },
    },
  },
  {
    name: 'GET /api/v1/bin_numbers/{id}/',
    list: false,
    paths: (data) => {
      const [low, high] = data.binIds
      return rotating(Array.from({ length: 5000 }, () => low + Math.floor(Math.random() * (high - low + 1))), (id) => `/api/v1/bin_numbers/${id}/`)
    },
    floor: {
      match: /^\/api\/v1\/bin_numbers\/(\d+)\/$/,
      answer: async (db, _url, match) => {
        const { rows } = await db.query(`select ${BIN_COLUMNS} from bin_numbers where id = $1`, [Number(match[1])])
        return rows.length ? { body: rows[0] } : { status: 404, body: { detail: 'Not found.' } }
      },
    },
  },
  {
    name: 'GET /api/v1/banks/{id}/',
    list: false,
    paths: (data) => rotating(shuffle(data.banks), (id) => `/api/v1/banks/${id}/`),
    floor: {
      match: /^\/api\/v1\/banks\/(\d+)\/$/,
      answer: async (db, _url, match) => {
        const { rows } = await db.query(
          `select id as pk, name, slug, logo, channel_id as channel, ${iso('modified_date')} as modified_date, ${iso('created_date')} as created_date from banks where id = $1`,
          [Number(match[1])],
        )
        return rows.length ? { body: rows[0] } : { status: 404, body: { detail: 'Not found.' } }
      },
    },
  },
  // Storefront card lookups on the demo shop's cards, with the bench's BIN table (and its 2,000 cards in
  // the shop's channel) present. The floor runs the plainest SQL and the same pure installment maths.
  // The gateway ledger over 100,000 payments (bench/ledger-seed.ts): a finance user's week of settled
  // payments, paged, and a week's unsettled MB WAY payments, which the app streams whole (no limit).
  {
    name: 'GET /api/payments?status=settled&created_at_gte/lte=(a week)&limit=50&offset=…',
    list: true,
    skip: (data) => (data.ledger ? null : 'its 100,000 payments are seeded with SQL, on PostgreSQL only'),
    paths: (data) => rotating(shuffle(data.ledger!.ledgerPages), (query) => `/api/payments?${query}`),
    floor: {
      match: /^\/api\/payments\/$/,
      answer: async (db, url) => {
        const where = ['voided_at is null']
        const values: unknown[] = []
        for (const [param, condition] of LEDGER_FILTERS) {
          const value = url.searchParams.get(param)
          if (value === null) continue
          values.push(value)
          where.push(`${condition} $${values.length}`)
        }
        const limit = url.searchParams.get('limit')
        const paging = limit === null ? '' : ` limit ${Number(limit)} offset ${Number(url.searchParams.get('offset') ?? 0)}`
        const { rows } = await db.query(
          `select payment_id, amount, payment_method, status, ${isoMillis('settled_at')} as settled_at, settled_amount
           from ledger_payments where ${where.join(' and ')} order by id${paging}`,
          values,
        )
        const number = (text: string | null) => (text === null ? null : Number(text))
        return { body: rows.map((row) => ({ ...row, amount: number(row.amount), settled_amount: number(row.settled_amount) })) }
      },
    },
  },
  {
    name: 'GET /api/payments?payment_method=mbway&status=success&created_at_gte/lte=(a week), streamed',
    list: true,
    skip: (data) => (data.ledger ? null : 'its 100,000 payments are seeded with SQL, on PostgreSQL only'),
    paths: (data) => rotating(shuffle(data.ledger!.ledgerStreams), (query) => `/api/payments?${query}`),
    // its floor: the ledger list floor above
  },
  // An order-management order read: one order of the organization with its payments and payment methods.
  {
    name: 'GET /v1/om/orders/{id}',
    list: false,
    skip: (data) => (data.ledger ? null : 'its 20,000 orders are seeded with SQL, on PostgreSQL only'),
    headers: () => ({ 'api-key': BENCH_OM_KEY, 'organization-id': BENCH_OM_ORGANIZATION }),
    volatileFields: ['requestId', 'instanceId'],
    paths: (data) => rotating(data.ledger!.orders, (id) => `/v1/om/orders/${id}`),
    floor: {
      match: /^\/v1\/om\/orders\/([^/]+)\/$/,
      answer: async (db, _url, match, headers) => {
        const answer = (status: number, data: unknown, error?: { code: string; message: string; fields: object }) => ({
          status,
          body: { app: 'payment-console', service: 'om', warnings: [], instanceId: 'floor', requestId: randomUUID(), data, ...(error ? { error } : {}) },
        })
        if (headers['api-key'] !== BENCH_OM_KEY) return answer(401, null, { code: 'unauthenticated', message: 'Invalid api-key.', fields: {} })
        if (headers['organization-id'] !== BENCH_OM_ORGANIZATION) return answer(403, null, { code: 'forbidden', message: 'This api-key does not belong to that organization.', fields: {} })
        const { rows } = await db.query(OM_ORDER_SQL, [decodeURIComponent(match[1]), BENCH_OM_ORGANIZATION])
        return rows.length ? answer(200, rows[0].body) : answer(404, null, { code: 'not_found', message: 'Not found.', fields: {} })
      },
    },
  },
  // Storefront card lookups on the demo shop's cards, with the bench's BIN table present. No floor yet:
  // its floor would have to redo the installment maths; the DESIGN budget (p99 < 30 ms) is checked.
  {
    name: 'GET /payments/cards/product/{pk}/',
    list: false,
    p99BudgetMs: 30,
    paths: (data) => rotating(data.products, (pk) => `/payments/cards/product/${pk}/`),
    floor: { match: /^\/payments\/cards\/product\/(\d+)\/$/, answer: productCardsFloor },
  },
  {
    name: 'GET /payments/cards/product/{pk}/?bin_number=411111',
    list: false,
    p99BudgetMs: 30,
    paths: (data) => rotating(data.products, (pk) => `/payments/cards/product/${pk}/?bin_number=411111`),
  },
  // A visitor with a basket (its session cookie): without one the endpoint answers an empty page at once.
  {
    name: 'GET /payments/cards/basket/ (a basket of one product)',
    list: false,
    p99BudgetMs: 30,
    headers: (data) => ({ cookie: data.basketCookie }),
    paths: () => () => '/payments/cards/basket/',
    floor: { match: /^\/payments\/cards\/basket\/$/, answer: basketCardsFloor },
  },
  {
    name: 'GET /payments/cards/basket/?bin_number=41111111',
    list: false,
    p99BudgetMs: 30,
    headers: (data) => ({ cookie: data.basketCookie }),
    paths: () => () => '/payments/cards/basket/?bin_number=41111111',
  },
  // A console table page, server-rendered by Next (for the node:cluster question, decision 012).
  {
    name: 'GET console page /sales-channels/payment-management/banks',
    list: false,
    p99BudgetMs: 300,
    noFloor: 'a page rendered by Next',
    page: true,
    headers: (data) => ({ cookie: data.consoleCookie }),
    paths: () => () => '/sales-channels/payment-management/banks',
  },
]
