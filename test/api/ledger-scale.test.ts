import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { createDb } from '../../db/connection'
import { migrateToLatest } from '../../db/migrate'
import { startAppServer } from '../../scripts/app-server'
import { api, baseUrl } from '../helpers/api'

const onPostgres = inject('engine') === 'postgres'

/** Resident memory (bytes) of a server's process group: the app server and any child it runs. */
function groupRss(group: number): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The server was started detached: its process group id is its pid (field 5 of /proc/<pid>/stat).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== group) continue
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))
      if (match) total += Number(match[1]) * 1024
    } catch {
      // gone meanwhile
    }
  }
  return total
}

/** 100,000 payments: 10 % MB WAY, 1/7 declined, a third of the rest settled, one a second back in time. */
const BULK_INSERT = `
  insert into ledger_payments (payment_id, amount, payment_method, status, settled_amount, settled_at, additional_params, created_at)
  select 'BULK' || lpad(n::text, 12, '0'), ((n % 50000) + 1) / 100.0, case when n % 10 = 0 then 'mbway' else 'credit_card' end,
         case when n % 7 = 0 then 'error' when n % 3 = 0 then 'settled' else 'success' end,
         case when n % 7 <> 0 and n % 3 = 0 then ((n % 50000) + 1) / 100.0 end,
         case when n % 7 <> 0 and n % 3 = 0 then now() end,
         '{}'::jsonb, now() - make_interval(secs => n)
  from generate_series(1, 100000) as n`

/**
 * Reads the whole list while sampling the server's memory. Part-way through, the reader pauses and a
 * payment is added through the API: streamed from the database batch by batch, the array must end
 * with it (an answer built in memory before the first byte could not contain it).
 */
async function streamWholeList(base: string, token: string, serverGroup: number) {
  const call = (method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, { method, headers: { authorization: `Token ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  expect((await call('GET', '/api/payments?limit=1')).status).toBe(200)
  const before = groupRss(serverGroup)
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, groupRss(serverGroup))), 25)
  const started = performance.now()
  const response = await call('GET', '/api/payments')
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let bytes = 0
  let items = 0
  let tail = ''
  let last = ''
  let late = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.length
    const text = tail + decoder.decode(value, { stream: true })
    items += (text.match(/"payment_id":/g) ?? []).length
    // keep a partial key split across chunks for the next count, never a counted one
    const cut = text.lastIndexOf('"payment_id":')
    tail = text.slice(Math.max(cut + 13, text.length - 12))
    last = (last + text).slice(-400)
    if (!late) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const added = await call('POST', '/api/payments', { amount: 1, payment_method: 'mbway', additional_params: { phone: '+351912345678' } })
      expect(added.status).toBe(201)
      late = ((await added.json()) as { payment_id: string }).payment_id
    }
  }
  clearInterval(timer)
  return { items, bytes, last, late, before, peak, seconds: (performance.now() - started) / 1000 }
}

function expectFlatStream(result: Awaited<ReturnType<typeof streamWholeList>>, rows: number) {
  const grown = result.peak - result.before
  console.log(
    `streamed ${result.items} payments (${(result.bytes / 1e6).toFixed(1)} MB) in ${result.seconds.toFixed(1)} s; server RSS ${(result.before / 1e6).toFixed(0)} MB → peak ${(result.peak / 1e6).toFixed(0)} MB (+${(grown / 1e6).toFixed(1)} MB)`,
  )
  expect(result.items).toBeGreaterThanOrEqual(rows + 1)
  expect(result.bytes).toBeGreaterThan(rows * 100)
  expect(result.last).toMatch(new RegExp(`"payment_id":"${result.late}","amount":1\\.0,[^\\]]*\\}\\]$`))
  // Built in memory, 100,000 rows are ~100 MB of row objects plus the 15 MB text; streamed, the server
  // grows only by what the garbage collector lets pile up between collections.
  expect(grown).toBeLessThan(64 * 1024 * 1024)
}

describe.skipIf(!onPostgres)('ledger at scale (PostgreSQL)', () => {
  it('streams 100,000 payments as one JSON array with flat server memory', { timeout: 300_000 }, async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') })
    await client.connect()
    try {
      await client.query(BULK_INSERT)
    } finally {
      await client.end()
    }
    expectFlatStream(await streamWholeList(baseUrl(), inject('token'), inject('serverPid')), 100_000)

    const filtered = await api('GET', '/api/payments?payment_method=mbway&status=settled&amount_gte=100&amount_lte=200')
    expect(filtered.status).toBe(200)
    expect(filtered.body.length).toBeGreaterThan(0)
    for (const item of filtered.body) expect(item).toMatchObject({ payment_method: 'mbway', status: 'settled' })
  })

  it('keeps no card number or CVV anywhere in the database (pg_dump)', async () => {
    const numbers = ['4111111111111111', '5555555555554444', '4000000000000002', '1234567890123456']
    for (const number of numbers) {
      const created = await api('POST', '/api/payments', {
        amount: 10,
        payment_method: 'credit_card',
        additional_params: { number, name: 'Dump Check', expiration_month: '05', expiration_year: '2028', cvv: '987' },
      })
      expect(created.status).toBe(201)
    }
    // --data-only warns about om_payments' self-reference on stderr; only the data matters here.
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', inject('databaseUrl')], { maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString()
    expect(dump).toContain('411111******1111')
    for (const number of numbers) expect(dump.includes(number), number).toBe(false)
    expect(dump).not.toMatch(/"cvv"/)
    // The audit log recorded each payment with the masked number only.
    expect(dump).toMatch(/ledger_payments\t\d+\t[A-Z]{40}\t[^\n]*400000\*\*\*\*\*\*0002/)
  })
})

/**
 * The same on PGlite, which only its server process may open: the rows are written into a fresh PGlite
 * folder before an app server of this test's own starts on it (the shared server's folder is its own).
 */
describe.skipIf(onPostgres)('ledger at scale (PGlite)', () => {
  it('streams 100,000 payments as one JSON array with flat server memory', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-ledger-scale-'))
    const token = 'pm_scale_token_0123456789abcdef'
    const port = Number(process.env.TEST_PORT ?? 3301) + 30
    let server: Awaited<ReturnType<typeof startAppServer>> | undefined
    try {
      const preparing = performance.now()
      const db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, 'db') })
      try {
        await migrateToLatest(db)
        await sql.raw(BULK_INSERT).execute(db)
      } finally {
        await db.destroy()
      }
      server = await startAppServer(port, { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'db'), SEED_API_TOKEN: token, MEDIA_DIR: dir }, 90_000)
      console.log(`PGlite: 100,000 payments written and a server started on them in ${((performance.now() - preparing) / 1000).toFixed(1)} s`)
      expectFlatStream(await streamWholeList(server.baseUrl, token, server.child.pid!), 100_000)
    } finally {
      await server?.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
