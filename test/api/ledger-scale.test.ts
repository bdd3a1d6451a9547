import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { api, baseUrl } from '../helpers/api'

const onPostgres = inject('engine') === 'postgres'

/** Resident memory (bytes) of the app server's process group: `next start` and any child it runs. */
function serverRss(): number {
  // The server was started detached: its process group id is its pid (field 5 of /proc/<pid>/stat).
  const group = inject('serverPid')
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
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

describe.skipIf(!onPostgres)('ledger at scale (PostgreSQL)', () => {
  it('streams 100,000 payments as one JSON array with flat server memory', { timeout: 300_000 }, async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') })
    await client.connect()
    try {
      await client.query(`
        insert into ledger_payments (payment_id, amount, payment_method, status, settled_amount, settled_at, additional_params, created_at)
        select 'BULK' || lpad(n::text, 12, '0'), ((n % 50000) + 1) / 100.0, case when n % 10 = 0 then 'mbway' else 'credit_card' end,
               case when n % 7 = 0 then 'error' when n % 3 = 0 then 'settled' else 'success' end,
               case when n % 7 <> 0 and n % 3 = 0 then ((n % 50000) + 1) / 100.0 end,
               case when n % 7 <> 0 and n % 3 = 0 then now() end,
               '{}'::jsonb, now() - make_interval(secs => n)
        from generate_series(1, 100000) as n`)
    } finally {
      await client.end()
    }
    // Warm the route, then read the whole list while sampling the server's memory. Part-way through, the
    // reader pauses and a payment is added: streamed from the database batch by batch, the array must end
    // with it (an answer built in memory before the first byte could not contain it).
    await api('GET', '/api/payments?limit=1')
    const before = serverRss()
    let peak = before
    const timer = setInterval(() => (peak = Math.max(peak, serverRss())), 25)
    const response = await fetch(`${baseUrl()}/api/payments`, { headers: { authorization: `Token ${inject('token')}` } })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let bytes = 0
    let items = 0
    let tail = ''
    let last = ''
    let paused = false
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
      if (!paused) {
        paused = true
        await new Promise((resolve) => setTimeout(resolve, 1000))
        const late = new pg.Client({ connectionString: inject('databaseUrl') })
        await late.connect()
        await late.query(`insert into ledger_payments (payment_id, amount, payment_method, status, additional_params) values ('LATEPAYMENTADDEDWHILEREADING', 1.00, 'mbway', 'success', '{}')`)
        await late.end()
      }
    }
    clearInterval(timer)
    expect(items).toBeGreaterThanOrEqual(100_001)
    expect(bytes).toBeGreaterThan(10_000_000)
    expect(last).toMatch(/"payment_id":"LATEPAYMENTADDEDWHILEREADING","amount":1\.0,[^\]]*\}\]$/)
    const grown = peak - before
    console.log(`streamed ${items} payments (${(bytes / 1e6).toFixed(1)} MB); server RSS ${(before / 1e6).toFixed(0)} MB → peak ${(peak / 1e6).toFixed(0)} MB (+${(grown / 1e6).toFixed(1)} MB)`)
    // Built in memory, 100,000 rows are ~100 MB of row objects plus the 15 MB text; streamed, the server
    // grows only by what the garbage collector lets pile up between collections.
    expect(grown).toBeLessThan(64 * 1024 * 1024)

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
