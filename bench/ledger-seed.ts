/**
 * The bench's ledger and order-management data (DESIGN.md "Performance budgets": 100,000 ledger
 * payments), written straight into the bench database with one INSERT … SELECT generate_series each:
 * through the API, 100,000 charges would take minutes of DummyPay round trips and measure nothing the
 * list cares about. The spread is what a finance user's filters meet: a year of payments (~270 a day),
 * 8 % declined, older successful ones mostly settled, 70 % cards with a masked number, amounts skewed
 * towards small baskets. Orders: 20,000 more for the seeded organization, each with a receipt, some
 * with a pending second payment or a partial refund, next to the 20 demo orders.
 */
import pg from 'pg'

export const LEDGER_PAYMENTS = 100_000
export const BENCH_ORDERS = 20_000

export interface LedgerData {
  /** Query strings of a finance user's filters: one settled week, paged (limit/offset). */
  ledgerPages: string[]
  /** Query strings of filtered lists the app streams whole (no limit): a week's unsettled MB WAY payments (~80). */
  ledgerStreams: string[]
  /** Ids of orders of the seeded organization (demo orders and the bench's). */
  orders: string[]
}

const day = (date: Date) => date.toISOString().slice(0, 10)

export async function seedLedger(databaseUrl: string, organizationId: string): Promise<LedgerData> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' })
  await client.connect()
  try {
    // Reproducible spread run to run (random() follows setseed within this session).
    await client.query('select setseed(0.42)')
    // A database kept by an earlier run (BENCH_REUSE=1) has them already: its windows start from that run's day.
    const kept = (await client.query<{ day: string | null }>(
      `select to_char((max(created_at) + interval '316 seconds') at time zone 'UTC', 'YYYY-MM-DD') as day from ledger_payments where payment_id like 'BENCH%'`,
    )).rows[0].day
    const today = (await client.query<{ today: string }>(`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD') as today`)).rows[0].today
    const anchor = new Date(`${kept ?? today}T00:00:00Z`)
    if (!kept) await seedRows(client, anchor, organizationId)

    const ledgerPages: string[] = []
    const ledgerStreams: string[] = []
    for (let week = 1; week <= 40; week += 1) {
      const from = new Date(anchor.getTime() - week * 7 * 86_400_000)
      const to = new Date(from.getTime() + 6 * 86_400_000)
      // ~270 payments a day, ~3/4 of them settled: a week is ~1,400 settled payments, paged 50 at a time.
      for (const offset of [0, 50, 300, 900]) ledgerPages.push(`status=settled&created_at_gte=${day(from)}&created_at_lte=${day(to)}T23:59:59&limit=50&offset=${offset}`)
      ledgerStreams.push(`payment_method=mbway&status=success&created_at_gte=${day(from)}&created_at_lte=${day(to)}T23:59:59`)
    }
    const orders = (await client.query<{ id: string }>(`select id from orders where organization_id = $1 order by random() limit 5000`, [organizationId])).rows.map((row) => row.id)
    return { ledgerPages, ledgerStreams, orders }
  } finally {
    await client.end()
  }
}

async function seedRows(client: pg.Client, anchor: Date, organizationId: string) {
  await client.query(
    `insert into ledger_payments (payment_id, amount, payment_method, status, settled_at, settled_amount, channel_id, additional_params, created_via, created_by, created_at)
     select 'BENCH' || lpad(n::text, 35, '0'), p.amount, p.method, p.status,
            case when p.status = 'settled' then p.created + interval '2 days' end,
            case when p.status = 'settled' then p.amount end,
            1,
            case when p.method = 'credit_card'
              then jsonb_build_object('number', '411111******1111', 'name', 'Bench Shopper', 'expiration_month', '09', 'expiration_year', '2030')
              else jsonb_build_object('phone', '+351912345678') end,
            'api', 'bench', p.created
     from generate_series(1, $1::int) as n
     cross join lateral (
       select round((exp(random() * 7) + random())::numeric, 2) as amount,
              case when random() < 0.7 then 'credit_card' else 'mbway' end as method,
              case when random() < 0.08 then 'error' when n > 1000 and random() < 0.85 then 'settled' else 'success' end as status,
              $2::timestamptz - make_interval(secs => n * 315.36) as created
     ) as p`,
    [LEDGER_PAYMENTS, anchor.toISOString()],
  )
  const channel = (await client.query<{ channel_id: number }>(`select channel_id from orders where organization_id = $1 order by seq limit 1`, [organizationId])).rows[0]?.channel_id
  if (channel === undefined) throw new Error(`the organization ${organizationId} has no demo orders to take the channel from`)
  await client.query(
    `insert into orders (id, number, organization_id, channel_id, customer_uid, currency, total, created_at)
     select 'bench-order-' || n, 'BENCH-' || lpad(n::text, 6, '0'), $1, $2, 'customer-' || (n % 5000), 'TRY',
            round((5 + exp(random() * 7.5))::numeric, 2), $3::timestamptz - make_interval(secs => n * 1577)
     from generate_series(1, $4::int) as n`,
    [organizationId, channel, anchor.toISOString(), BENCH_ORDERS],
  )
  // A receipt for each, through one of the channel's payment options; every tenth order also has a
  // pending second payment, every eighth a complete partial refund of its receipt.
  const payment = (suffix: string, select: string, where = 'true') =>
    client.query(
      `insert into om_payments (id, order_id, type, status, custom, amount, method_id, source_payment_id, customer_uid, transaction_ref, attrs, note,
                                completed_at, created_at, updated_at, created_via, created_by, updated_via, updated_by)
       select o.id || '-${suffix}', o.id, ${select}, o.customer_uid, 'BENCH-REF-' || o.seq, '{"channel": "bench"}'::jsonb, null,
              o.created_at + interval '1 minute', o.created_at, o.created_at, 'system', 'system', 'system', 'system'
       from orders o cross join lateral (select id from payment_options where channel_id = o.channel_id order by (id + o.seq) % 7, id limit 1) m
       where o.id like 'bench-order-%' and ${where}`,
    )
  await payment('r1', `'receipt', 'complete', true, o.total, m.id, null`)
  await payment('p2', `'receipt', 'pending', true, round(o.total / 4, 2) + 0.01, m.id, null`, 'o.seq % 10 = 0')
  await payment('f1', `'refund', 'complete', true, round(o.total / 3, 2), m.id, o.id || '-r1'`, 'o.seq % 8 = 0')
  // pending payments carry no completion time
  await client.query(`update om_payments set completed_at = null where id like 'bench-order-%' and status = 'pending'`)
}
