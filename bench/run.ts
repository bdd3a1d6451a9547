/**
 * `npm run bench`: loads 1,000,000 BIN numbers over 2,000 cards through the API (the CSV import
 * endpoint), then measures the list and detail endpoints with autocannon at 32 connections, and
 * prints req/s, p50 and p99 per endpoint, the import times and the server's peak memory, as a table
 * and as JSON in bench/results.json. Budgets: /work/shared/DESIGN.md "Performance budgets".
 *
 * It starts its own server (`next build` first if there is no build) on BENCH_PORT (3620) against a
 * fresh `pm_bench` database on the DATABASE_URL server, or a fresh embedded PGlite folder, and stops it
 * at the end. BENCH_DURATION (seconds per endpoint, 10), BENCH_KEEP=1 keeps the database, BENCH_DOORS=1
 * also measures the Next door, BENCH_CPU_PROF=1 profiles the app server. While profiling or tuning:
 * BENCH_REUSE=1 (PostgreSQL) measures the database kept by an earlier BENCH_KEEP=1 run without
 * importing again (BENCH_DATABASE names it, default pm_bench) (no import figures then; BENCH_REUSE_IMPORT=1
 * runs the one-request import on it anyway), BENCH_ONLY=<text>[|<text>…] measures only endpoints whose name
 * contains one of them, BENCH_NODE_ARGS adds flags to the app server's node (e.g. `--trace-gc-nvp`) and
 * BENCH_SERVER_LOG=<file> keeps its output. On PostgreSQL 100,000
 * ledger payments and 20,000 orders are added with SQL (bench/ledger-seed.ts) for the ledger list and
 * order read. On PostgreSQL the floor
 * (bench/floor.ts, endpoints in bench/endpoints.ts) is measured alternately with the app.
 * Each window prints its own req/s and p99 and, on Linux, the CPU per request of the server, PostgreSQL
 * and the load generator (bench/cpu-split.ts); the table marks each endpoint's missed targets (p99
 * budget, app/floor ratio, non-2xx).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import { sealData } from 'iron-session'
import pg from 'pg'
import { startAppServer, type AppServer } from '../scripts/app-server'
import { BENCH_OM_KEY, BENCH_OM_ORGANIZATION, ENDPOINTS, type DataSet } from './endpoints'
import { BENCH_ORDERS, LEDGER_PAYMENTS, seedLedger } from './ledger-seed'
import { cpuBetween, cpuSnapshot, perRequest, type CpuByRole } from './cpu-split'

const root = path.resolve(import.meta.dirname, '..')
const PORT = Number(process.env.BENCH_PORT || 3620)
const BASE = `http://127.0.0.1:${PORT}`
const FLOOR_PORT = PORT + 1
const NEXT_DOOR_PORT = PORT + 2
/** BENCH_DOORS=1 also measures the app through Next's route files (API_FAST_PATH=0), for decision 011. */
const DOORS = process.env.BENCH_DOORS === '1'
const TOKEN = 'pm_bench_token_0123456789abcdef'
/** The bench server's secret, so the bench can seal a console session cookie (console page endpoints). */
const APP_SECRET = 'pm-bench-app-secret-0123456789abcdef0123456789'
const DURATION = Number(process.env.BENCH_DURATION || 10)
/** Each target is measured ROUNDS times for DURATION / ROUNDS seconds, alternately (BENCH_ROUNDS, 2). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 2))
const CONNECTIONS = 32
/**
 * Warm-up before each target's windows: 2-second windows at full load until one is no faster than the best
 * before it by more than 3% (at least WARMUP_MIN, at most WARMUP_MAX of them). The figures asked are a
 * long-running server's; V8's optimizing compiler runs on a thread of its own that, with both cores busy
 * (server, PostgreSQL and load generator), got little time: the app's larger code took 20–40 s of load to
 * reach its steady rate (the floor's few functions, a few seconds), and a fixed 2-second warm-up measured
 * the app's endpoints half-compiled (decision 034).
 */
const WARMUP_WINDOW_S = 2
const WARMUP_MIN = Number(process.env.BENCH_WARMUP_MIN || 3)
const WARMUP_MAX = Number(process.env.BENCH_WARMUP_MAX || 12)
const BANKS = 50
const CARD_TYPES = 20
// Smaller data sets for a quick smoke run (BENCH_CARDS ≤ 2,000; BINs are spread evenly over the cards).
const CARDS = Math.min(Number(process.env.BENCH_CARDS || 2000), BANKS * CARD_TYPES * 2)
const BINS = Math.floor(Number(process.env.BENCH_BINS || 1_000_000) / CARDS) * CARDS
const BINS_PER_CARD = BINS / CARDS
const DUMMYPAY = 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway'
const BUDGET = { listP99Ms: 50, importSeconds: 30, memoryMb: 300 }
/** app req/s ÷ floor req/s asked of every endpoint with a floor; where the floor's plain SQL loses, the endpoint asks 1.0. */
const RATIO_TARGET = 0.8

const cpuCell = (cpu: CpuByRole | null) => (cpu ? `${cpu.server} + ${cpu.database}` : '')

const log = (line: string) => console.log(`[bench] ${line}`)
const seconds = (since: number) => (performance.now() - since) / 1000

// ---------------------------------------------------------------- server and database

interface Row {
  endpoint: string
  /** The app server's RSS after this endpoint's measurements (memory flat over the run?). */
  rssAfterMb: number
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  aloneP50Ms: number
  aloneMeanMs: number
  requests: number
  non2xx: number
  errors: number
  floor: { reqPerSec: number; p99Ms: number; non2xx: number; cpuMicrosPerRequest: CpuByRole | null } | null
  nextDoor: { reqPerSec: number; p99Ms: number; non2xx: number } | null
  /** app req/s ÷ floor req/s, measured alternately in this run. */
  ratio: number | null
  /** The least `ratio` the issue asks of this endpoint (RATIO_TARGET, or the endpoint's own). */
  ratioTarget: number | null
  /** The p99 budget and no non-2xx. */
  budgetOk: boolean
  /** The targets this endpoint missed in this run: p99, ratio, non-2xx. */
  misses: string[]
  /** CPU microseconds per request of the server, PostgreSQL and the load generator (Linux). */
  cpuMicrosPerRequest: CpuByRole | null
}

interface Server {
  child: ChildProcess
  env: NodeJS.ProcessEnv
  engine: 'postgres' | 'pglite'
  databaseUrl?: string
  stop: () => Promise<void>
}

let databaseUrl: string | undefined

/** BENCH_REUSE=1: measure the pm_bench database an earlier BENCH_KEEP=1 run left, without importing again. */
const REUSE = process.env.BENCH_REUSE === '1'
const REUSE_IMPORT = process.env.BENCH_REUSE_IMPORT === '1'
/** The bench's own database on the DATABASE_URL server (dropped and created anew unless reused). */
const DATABASE = process.env.BENCH_DATABASE || 'pm_bench'
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error('BENCH_DATABASE: lowercase letters, digits and _ only')
const ONLY = process.env.BENCH_ONLY

async function freshPostgres(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const kept = REUSE && (await admin.query(`select 1 from pg_database where datname = $1`, [DATABASE])).rowCount
  if (REUSE && !kept) throw new Error(`BENCH_REUSE=1: no ${DATABASE} database (run once with BENCH_KEEP=1)`)
  if (!kept) {
    await admin.query(`drop database if exists ${DATABASE} with (force)`)
    await admin.query(`create database ${DATABASE}`)
  }
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${DATABASE}`
  return url.toString()
}

async function startServer(): Promise<Server> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('no build found: next build')
    const built = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('next build failed')
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', SEED_API_TOKEN: TOKEN, SEED_OM_API_KEY: BENCH_OM_KEY, NEXT_TELEMETRY_DISABLED: '1', APP_SECRET }
  let engine: Server['engine'] = 'pglite'
  let databaseUrl: string | undefined
  let cleanup = async () => {}
  if (process.env.DATABASE_URL) {
    engine = 'postgres'
    databaseUrl = await freshPostgres(process.env.DATABASE_URL)
    env.DATABASE_URL = databaseUrl
    if (!process.env.BENCH_KEEP && !REUSE)
      cleanup = async () => {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await admin.connect()
        await admin.query(`drop database if exists ${DATABASE} with (force)`)
        await admin.end()
      }
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pm-bench-'))
    env.PGLITE_DIR = path.join(dir, 'db')
    if (!process.env.BENCH_KEEP) cleanup = async () => rmSync(dir, { recursive: true, force: true })
    else log(`PGlite folder: ${env.PGLITE_DIR}`)
  }
  // BENCH_CPU_PROF=1: a V8 CPU profile of the app server over the run, in bench/profiles/ (read it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench', 'profiles')}`] : []
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const server = await startAppServer(PORT, env, 120_000, [...profile, ...extra])
  return {
    child: server.child,
    env,
    engine,
    databaseUrl,
    stop: async () => {
      await server.stop(1000)
      if (process.env.BENCH_SERVER_LOG) writeFileSync(process.env.BENCH_SERVER_LOG, server.output())
      await cleanup()
    },
  }
}

/** Resident memory of the server process, sampled; VmHWM is the kernel's own high-water mark. */
class MemoryWatch {
  private timer: NodeJS.Timeout
  peakKb = 0
  phaseStartKb = 0
  phasePeakKb = 0
  constructor(private pid: number) {
    this.timer = setInterval(() => this.sample(), 200)
    this.timer.unref()
  }
  private read(key: 'VmRSS' | 'VmHWM'): number {
    try {
      const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))
      return match ? Number(match[1]) : 0
    } catch {
      return 0
    }
  }
  sample() {
    const rss = this.read('VmRSS')
    this.peakKb = Math.max(this.peakKb, rss)
    this.phasePeakKb = Math.max(this.phasePeakKb, rss)
  }
  startPhase() {
    this.phaseStartKb = this.read('VmRSS')
    this.phasePeakKb = this.phaseStartKb
  }
  rssKb() {
    return this.read('VmRSS')
  }
  highWaterKb() {
    return this.read('VmHWM')
  }
  stop() {
    clearInterval(this.timer)
  }
}

// ---------------------------------------------------------------- API calls

async function call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const init: RequestInit = { method, headers: { authorization: `Token ${TOKEN}`, ...headers } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const response = await fetch(`${BASE}${url}`, init)
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers }
}

async function create(url: string, body: Record<string, unknown>): Promise<number> {
  const response = await call('POST', url, body)
  if (response.status !== 201) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(response.body)}`)
  return response.body.pk
}

async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index], index)
      }
    }),
  )
  return results
}

function csvUpload(lines: string[]): FormData {
  const form = new FormData()
  form.append('file', new Blob([`bin_number\n${lines.join('\n')}\n`], { type: 'text/csv' }), 'csv_file.csv')
  return form
}

/** The n-th BIN of the data set: 8 digits, spread over the whole range (7919 is prime to 9·10⁷). */
const binAt = (n: number) => String(10_000_000 + ((n * 7919) % 90_000_000))

// ---------------------------------------------------------------- data set

async function createPaymentSettings(channel: number, tag: string, counts = { banks: BANKS, cardTypes: CARD_TYPES, cards: CARDS }) {
  const pos = await create('/api/v1/pos/', { name: `Bench POS ${tag}`, slug: `bench-pos-${tag}`, gateway: DUMMYPAY, config: {}, resource_url: 'https://pos.example.com/api', channel })
  const banks = await inParallel([...Array(counts.banks).keys()], 8, (i) =>
    create('/api/v1/banks/', { name: `Bench Bank ${tag}${i}`, slug: `bench-bank-${tag}${i}`, logo: null, channel }),
  )
  const cardTypes = await inParallel([...Array(counts.cardTypes).keys()], 8, (i) =>
    create('/api/v1/card_types/', { name: `Bench Type ${tag}${i}`, slug: `bench-type-${tag}${i}`, channel }),
  )
  // (bank, card type, payment type) is a unique set: 50 × 20 × 2 = 2,000 distinct cards.
  const cards = await inParallel([...Array(counts.cards).keys()], 8, (k) =>
    create('/api/v1/cards/', {
      name: `Bench Card ${tag}${k}`,
      slug: `bench-card-${tag}${k}`,
      bank: banks[k % banks.length],
      card_type: cardTypes[Math.floor(k / banks.length) % cardTypes.length],
      card_payment_type: k < counts.banks * counts.cardTypes ? 'credit' : 'debit',
      cash_payment: pos,
      installment_payment: pos,
      channel,
    }),
  )
  return { banks, cards }
}

/** One streamed request of 1,000,000 lines (the import budget), with its progress polled meanwhile. */
async function singleRequestImport(memory: MemoryWatch) {
  // (On a kept data set, earlier runs' scratch POS and bank are still there: new slugs.)
  const scratch = await createPaymentSettings(2, REUSE ? `scratch${Date.now()}` : 'scratch', { banks: 1, cardTypes: 1, cards: 1 })
  const card = scratch.cards[0]
  const lines = Array.from({ length: BINS }, (_, n) => binAt(n))
  const importId = `bench-${Date.now()}`
  memory.startPhase()
  const started = performance.now()
  let polls = 0
  const poller = setInterval(async () => {
    const job = await call('GET', `/api/v1/imports/${importId}/`).catch(() => null)
    if (job?.status === 200 && !job.body.done && polls++ % 2 === 0) log(`  progress: ${job.body.processed.toLocaleString('en')} lines`)
  }, 1000)
  const response = await call('POST', `/api/v1/cards/${card}/bulk_create/?summary=1`, csvUpload(lines), { 'x-import-id': importId })
  clearInterval(poller)
  const elapsed = seconds(started)
  memory.sample()
  if (response.status !== 200 || response.body.created !== BINS) throw new Error(`import answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`)
  const job = await call('GET', `/api/v1/imports/${importId}/`)
  log(`single request: ${BINS.toLocaleString('en')} BINs in ${elapsed.toFixed(1)} s, peak RSS ${(memory.phasePeakKb / 1024).toFixed(0)} MB, job ${JSON.stringify({ processed: job.body.processed, done: job.body.done })}`)
  const result = { rows: BINS, seconds: elapsed, peakRssMb: memory.phasePeakKb / 1024, rssBeforeMb: memory.phaseStartKb / 1024 }
  // The data set is 1,000,000 BINs over 2,000 cards: this card goes again (its BINs by cascade).
  const removing = performance.now()
  const removed = await call('DELETE', `/api/v1/cards/${card}/`)
  if (removed.status !== 204) throw new Error(`card delete answered ${removed.status}`)
  log(`  scratch card and its BINs deleted in ${seconds(removing).toFixed(1)} s`)
  return result
}

async function loadDataSet(memory: MemoryWatch): Promise<{ data: DataSet; distributed: { rows: number; requests: number; seconds: number; peakRssMb: number } }> {
  let started = performance.now()
  const { banks, cards } = await createPaymentSettings(1, 'b')
  log(`created ${BANKS} banks, ${CARD_TYPES} card types, 1 POS and ${CARDS} cards via the API in ${seconds(started).toFixed(1)} s`)

  const demoBins = (await call('GET', '/api/v1/bin_numbers/?limit=1')).body.count as number
  memory.startPhase()
  started = performance.now()
  let collidedWithDemoData = 0
  await inParallel(cards, 4, async (card, index) => {
    const lines = Array.from({ length: BINS_PER_CARD }, (_, j) => binAt(BINS + index * BINS_PER_CARD + j))
    const response = await call('POST', `/api/v1/cards/${card}/bulk_create/`, csvUpload(lines))
    const statuses = response.status === 200 ? Object.values(response.body as Record<string, string>) : []
    const created = statuses.filter((status) => status === 'created').length
    // A handful of generated numbers can match the demo data's BINs, which are seeded into the same channel.
    const existing = statuses.filter((status) => status === 'already exists').length
    collidedWithDemoData += existing
    if (created + existing !== BINS_PER_CARD) throw new Error(`import to card ${card} answered ${response.status}, ${created} created`)
    if ((index + 1) % 500 === 0) log(`  ${((index + 1) * BINS_PER_CARD).toLocaleString('en')} BINs imported`)
  })
  const elapsed = seconds(started)
  if (collidedWithDemoData) log(`  ${collidedWithDemoData} generated BINs were already seeded as demo data`)
  log(`distributed: ${BINS.toLocaleString('en')} BINs over ${CARDS} cards (${CARDS} requests, 4 at a time) in ${elapsed.toFixed(1)} s`)
  const distributed = { rows: BINS, requests: CARDS, seconds: elapsed, peakRssMb: memory.phasePeakKb / 1024 }

  const first = await call('GET', '/api/v1/bin_numbers/?ordering=pk&limit=1')
  const last = await call('GET', '/api/v1/bin_numbers/?ordering=-pk&limit=1')
  const expected = demoBins + BINS - collidedWithDemoData
  if (first.body.count !== expected) throw new Error(`expected ${expected} BINs (${demoBins} from the demo data), the list counts ${first.body.count}`)
  const bins = Array.from({ length: 5000 }, () => binAt(BINS + Math.floor(Math.random() * BINS)))
  // Detail GETs pick ids among the distributed import's rows: the scratch import's ids were deleted.
  const firstImported = await call('GET', `/api/v1/bin_numbers/?card=${cards[0]}&ordering=pk&limit=1`)
  return { data: { cards, banks, bins, binIds: [firstImported.body.results[0].pk, last.body.results[0].pk], ...(await shopData()) }, distributed }
}

/** The demo shop's products, a visitor with a basket of one of them, and a signed-in console admin. */
async function shopData(): Promise<Pick<DataSet, 'products' | 'basketCookie' | 'consoleCookie'>> {
  const shop = await call('GET', '/products/?limit=100')
  const products = ((shop.body?.results ?? []) as { pk: number }[]).map((product) => product.pk)
  if (!products.length) throw new Error(`the demo shop has no products (GET /products/ answered ${shop.status})`)
  return { products, basketCookie: await storefrontBasket(products[products.length - 1]), consoleCookie: await consoleSession() }
}

/**
 * A console session of the seeded admin, as signing in makes one (lib/auth/sessions.ts: a row keyed by
 * the hash of a random id; the cookie seals the id with APP_SECRET), without driving the sign-in form.
 */
async function consoleSession(): Promise<string> {
  if (!databaseUrl) return ''
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const admin = (await client.query(`select id from users where role = 'admin' order by id limit 1`)).rows[0]
    const sid = randomBytes(32).toString('base64url')
    const id = createHash('sha256').update(`session:${sid}`).digest('hex')
    await client.query(`insert into sessions (id, user_id, expires_at) values ($1, $2, now() + interval '12 hours')`, [id, admin.id])
    const sealed = await sealData({ sid, userId: admin.id }, { password: APP_SECRET, ttl: 12 * 3600 })
    return `pm_session=${sealed}`
  } finally {
    await client.end()
  }
}

/** BENCH_REUSE=1: the data set an earlier run imported into the kept pm_bench database. */
async function keptDataSet(databaseUrl: string): Promise<DataSet> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const ids = async (sql: string) => (await client.query(sql)).rows.map((row) => Number(row.id))
    const cards = await ids(`select id from cards where slug like 'bench-card-b%' order by id`)
    const banks = await ids(`select id from banks where slug like 'bench-bank-b%' order by id`)
    if (!cards.length) throw new Error('BENCH_REUSE=1: pm_bench holds no bench cards')
    const range = (await client.query(`select min(id) as low, max(id) as high from bin_numbers where card_id = any($1)`, [cards])).rows[0]
    const bins = (await client.query(`select bin_number from bin_numbers where card_id = any($1) order by random() limit 5000`, [cards])).rows.map((row) => row.bin_number as string)
    return { cards, banks, bins, binIds: [Number(range.low), Number(range.high)], ...(await shopData()) }
  } finally {
    await client.end()
  }
}

/** A storefront visitor whose basket holds one product: the cookies its first answers set (session, csrftoken). */
async function storefrontBasket(product: number): Promise<string> {
  const cookies = new Map<string, string>()
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
    }
  }
  const jar = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  keep(await fetch(`${BASE}/baskets/basket/`))
  const added = await fetch(`${BASE}/baskets/basket/`, {
    method: 'POST',
    headers: { cookie: jar(), 'x-csrftoken': cookies.get('csrftoken') ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ product, quantity: 1 }),
  })
  if (added.status !== 200) throw new Error(`adding to the bench visitor's basket answered ${added.status}`)
  keep(added)
  return jar()
}

// ---------------------------------------------------------------- measurements

interface Target {
  label: 'app' | 'floor' | 'next door'
  base: string
  /** The server's process (its cluster workers are its children): whose CPU counts as the server's. */
  pid: number
}

/**
 * Every measurement starts on a quiet database. A window whose requests outlast it (the floor's deep page and
 * unfiltered count take seconds per query, and autocannon stops waiting after 10 s) leaves queries running in
 * PostgreSQL after its client has gone; they took the cores from whichever server was measured next, so the
 * endpoint after them lost up to a third of its req/s. Those queries are cancelled and the database waited on.
 * Cancelled again on every look: a server whose client has gone may still start the requests it had queued
 * for a pool connection, and one of the floor's deep-page queries outlasts any wait (it had kept running
 * into the app's next window, doubling that window's p99).
 */
async function settle() {
  if (!databaseUrl) return
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const busy = `select pg_cancel_backend(pid) from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`
    let quietLooks = 0
    for (let attempt = 0; attempt < 100 && quietLooks < 3; attempt += 1) {
      quietLooks = (await client.query(busy)).rowCount ? 0 : quietLooks + 1
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } finally {
    await client.end()
  }
}

/**
 * One autocannon window (after the database settles). Given the measured server's process, it also reads the
 * CPU each process role spent in the window (bench/cpu-split.ts); without one, `cpu` is null.
 */
async function measure(base: string, paths: () => string, duration: number, connections: number, headers: Record<string, string> = {}, serverPid?: number) {
  await settle()
  const servers = new Set(serverPid === undefined ? [] : [serverPid])
  const before = serverPid === undefined ? null : cpuSnapshot(servers)
  const result = await autocannon({
    url: base,
    connections,
    duration,
    headers: { authorization: `Token ${TOKEN}`, ...headers },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths() }) }],
  })
  const cpu = before?.size ? cpuBetween(before, cpuSnapshot(servers)) : null
  return { result, cpu }
}

/** Warms a target up to its steady rate (see WARMUP_MIN): the JIT, PostgreSQL's plan caches, the buffer cache. Returns each window's req/s. */
async function warmUp(base: string, paths: () => string, headers: Record<string, string>): Promise<number[]> {
  const rates: number[] = []
  while (rates.length < WARMUP_MAX) {
    const rate = (await measure(base, paths, WARMUP_WINDOW_S, CONNECTIONS, headers)).result.requests.average
    const best = rates.length ? Math.max(...rates) : 0
    rates.push(rate)
    if (rates.length >= WARMUP_MIN && rate <= best * 1.03) break
  }
  return rates
}

async function vacuum(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query('vacuum analyze')
  // The import left a million rows' pages dirty: written now, not by the checkpointer during the measurements.
  await client.query('checkpoint')
  await client.end()
}

/** Starts the floor server (bench/floor.ts) on the bench database, in as many processes as the app. */
async function startFloor(databaseUrl: string): Promise<{ base: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'floor.ts')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(FLOOR_PORT), BENCH_TOKEN: TOKEN, APP_SECRET },
  })
  const base = `http://127.0.0.1:${FLOOR_PORT}`
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fetch(base)
      break
    } catch {
      if (attempt > 100) throw new Error('the floor server did not start')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    base,
    pid: child.pid!,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // gone
      }
    },
  }
}

/** The same answer from every target (their own origin aside), or the comparison is not fair. */
async function assertSameAnswers(targets: Target[], data: DataSet, endpoints: typeof ENDPOINTS) {
  for (const endpoint of endpoints) {
    const next = endpoint.paths(data)
    const compared = targets.filter((target) => !(endpoint.noFloor && target.label === 'floor'))
    if (endpoint.page) {
      if (!data.consoleCookie) continue
      const response = await fetch(`${BASE}${next()}`, { headers: endpoint.headers?.(data), redirect: 'manual' })
      if (response.status !== 200) throw new Error(`${endpoint.name} answered ${response.status}`)
      continue
    }
    for (let sample = 0; sample < 3; sample += 1) {
      const url = next()
      const answers = await Promise.all(
        compared.map(async (target) => {
          const response = await fetch(`${target.base}${url}`, { headers: { authorization: `Token ${TOKEN}`, ...endpoint.headers?.(data) } })
          const body = JSON.parse((await response.text()).replaceAll(target.base, 'BASE'))
          // Fields that differ per request or process (OM's requestId, instanceId) must be there, with any value.
          for (const field of endpoint.volatileFields ?? []) if (body && typeof body === 'object' && field in body) body[field] = '(varies)'
          return `${response.status} ${JSON.stringify(body)}`
        }),
      )
      for (let index = 1; index < answers.length; index += 1)
        if (answers[index] !== answers[0]) throw new Error(`${compared[index].label} answers ${url} differently from the app:\n app: ${answers[0].slice(0, 600)}\n ${compared[index].label}: ${answers[index].slice(0, 600)}`)
    }
  }
  log(`answers compared: ${targets.map((target) => target.label).join(', ')} give the same JSON for every endpoint`)
}

// ---------------------------------------------------------------- main

const server = await startServer()
databaseUrl = server.databaseUrl
const stopOnSignal = () => void server.stop().then(() => process.exit(130))
process.once('SIGINT', stopOnSignal)
process.once('SIGTERM', stopOnSignal)
const memory = new MemoryWatch(server.child.pid!)
let exitCode = 0
let floor: Awaited<ReturnType<typeof startFloor>> | undefined
let nextDoor: AppServer | undefined
try {
  log(`server on ${BASE} (${server.engine}), pid ${server.child.pid}`)
  const reused = REUSE && server.databaseUrl ? await keptDataSet(server.databaseUrl) : null
  // BENCH_REUSE_IMPORT=1: the one-request import on the kept data set too (its scratch card goes again).
  const single = reused && !REUSE_IMPORT ? null : await singleRequestImport(memory)
  const { data, distributed } = reused ? { data: reused, distributed: null } : await loadDataSet(memory)
  if (server.databaseUrl) {
    const seeding = performance.now()
    data.ledger = await seedLedger(server.databaseUrl, BENCH_OM_ORGANIZATION)
    log(`${LEDGER_PAYMENTS.toLocaleString('en')} ledger payments and ${BENCH_ORDERS.toLocaleString('en')} orders with payments (SQL) ready in ${seconds(seeding).toFixed(1)} s`)
  }
  const endpoints = ENDPOINTS.filter((endpoint) => {
    const skipped = endpoint.skip?.(data)
    if (skipped) log(`${endpoint.name}: not measured, ${skipped}`)
    return !skipped
  })
  // What autovacuum would do after a bulk load (fresh statistics and visibility map), then a checkpoint.
  if (server.databaseUrl && (!reused || REUSE_IMPORT)) await vacuum(server.databaseUrl)

  const targets: Target[] = [{ label: 'app', base: BASE, pid: server.child.pid! }]
  if (server.databaseUrl) {
    floor = await startFloor(server.databaseUrl)
    targets.push({ label: 'floor', base: floor.base, pid: floor.pid })
  } else log('PGlite: no floor (the floor is a pg server); the app alone is measured')
  if (DOORS && server.databaseUrl) {
    nextDoor = await startAppServer(NEXT_DOOR_PORT, { ...server.env, API_FAST_PATH: '0' })
    targets.push({ label: 'next door', base: nextDoor.baseUrl, pid: nextDoor.child.pid! })
  }
  await assertSameAnswers(targets, data, endpoints)

  const loadBefore = os.loadavg()[0]
  const rssBeforeMb = memory.rssKb() / 1024
  const rows: Row[] = []
  for (const endpoint of endpoints.filter((entry) => (!ONLY || ONLY.split('|').some((part) => entry.name.includes(part))) && !(entry.page && !data.consoleCookie))) {
    const paths = endpoint.paths(data)
    const measured = targets.filter((target) => (endpoint.page ? target.label === 'app' : !(endpoint.noFloor && target.label === 'floor')))
    const headers = endpoint.headers?.(data) ?? {}
    for (const target of measured) {
      const windows = await warmUp(target.base, paths, headers)
      log(`  warm-up ${target.label}: ${windows.map((rate) => Math.round(rate)).join(', ')} req/s`)
    }
    // One connection: the time a request takes without queueing, what the code costs.
    const alone = (await measure(BASE, paths, 3, 1, headers)).result
    // Alternately, so that whatever else the machine does weighs on both alike.
    const runs = new Map<Target['label'], Awaited<ReturnType<typeof measure>>[]>(measured.map((target) => [target.label, []]))
    for (let round = 0; round < ROUNDS; round += 1)
      for (const target of measured) {
        const window = await measure(target.base, paths, DURATION / ROUNDS, CONNECTIONS, headers, target.pid)
        runs.get(target.label)!.push(window)
        // Each window's own figures: how far rounds of the same target differ says how noisy the machine was.
        const cpu = window.cpu && perRequest([{ cpu: window.cpu, requests: window.result.requests.total }])
        log(
          `  round ${round + 1} ${target.label}: ${Math.round(window.result.requests.average)} req/s, p99 ${window.result.latency.p99} ms` +
            (cpu ? ` · CPU µs per request: server ${cpu.server}, PostgreSQL ${cpu.database}, load generator ${cpu.load}` : ''),
        )
      }
    const summary = (label: Target['label']) => {
      const windows = runs.get(label)
      if (!windows?.length) return null
      const results = windows.map((window) => window.result)
      return {
        cpuMicrosPerRequest: perRequest(windows.map((window) => ({ cpu: window.cpu, requests: window.result.requests.total }))),
        reqPerSec: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0) / results.length),
        p50Ms: Math.max(...results.map((result) => result.latency.p50)),
        p99Ms: Math.max(...results.map((result) => result.latency.p99)),
        requests: results.reduce((sum, result) => sum + result.requests.total, 0),
        non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
        errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
      }
    }
    const app = summary('app')!
    const floorRun = summary('floor')
    const nextRun = summary('next door')
    // The p99 budget: the endpoint's own, else the lists' (an endpoint that is neither has none).
    const p99Budget = endpoint.p99BudgetMs ?? (endpoint.list ? BUDGET.listP99Ms : null)
    const p99Missed = p99Budget !== null && app.p99Ms > p99Budget
    const ratio = floorRun ? Number((app.reqPerSec / floorRun.reqPerSec).toFixed(2)) : null
    const ratioTarget = floorRun ? (endpoint.ratioTarget ?? RATIO_TARGET) : null
    const row: Row = {
      endpoint: endpoint.name,
      rssAfterMb: Math.round(memory.rssKb() / 1024),
      ...app,
      aloneP50Ms: alone.latency.p50,
      aloneMeanMs: Number(alone.latency.mean.toFixed(2)),
      floor: floorRun,
      nextDoor: nextRun,
      ratio,
      ratioTarget,
      budgetOk: app.non2xx === 0 && !p99Missed,
      misses: [
        ...(app.non2xx ? ['non-2xx'] : []),
        ...(p99Missed ? [`p99 > ${p99Budget}`] : []),
        ...(ratio !== null && ratio < ratioTarget! ? [`ratio < ${ratioTarget}`] : []),
      ],
    }
    rows.push(row)
    log(
      `${row.endpoint}: app ${row.reqPerSec} req/s p99 ${row.p99Ms} ms` +
        (floorRun ? ` · floor ${floorRun.reqPerSec} req/s p99 ${floorRun.p99Ms} ms · ratio ${row.ratio}` : '') +
        (nextRun ? ` · next door ${nextRun.reqPerSec} req/s p99 ${nextRun.p99Ms} ms` : '') +
        (row.non2xx ? ` · ${row.non2xx} non-2xx` : '') +
        (row.misses.length ? ` · MISSED: ${row.misses.join(', ')}` : '') +
        ` · server RSS ${row.rssAfterMb} MB`,
    )
  }
  const rssAfterMb = memory.rssKb() / 1024
  memory.sample()
  const peakMb = Math.max(memory.peakKb, memory.highWaterKb()) / 1024

  const loadAfter = os.loadavg()[0]
  console.log(`\nEngine: ${server.engine} · ${os.cpus().length} CPUs · Node ${process.version} · ${CONNECTIONS} connections × ${DURATION} s per endpoint`)
  // Other processes on the machine skew every figure: the 1-minute load average says how much.
  console.log(`Load average (1 min) before/after the measurements: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`)
  console.log(`Data: ${BINS.toLocaleString('en')} BIN numbers over ${CARDS.toLocaleString('en')} cards (${BANKS} banks, ${CARD_TYPES} card types)\n`)
  console.table(
    Object.fromEntries(
      rows.map((row) => [
        row.endpoint,
        {
          'app req/s': row.reqPerSec,
          'floor req/s': row.floor?.reqPerSec ?? '',
          'app/floor': row.ratio ?? '',
          'target': row.ratioTarget ?? '',
          ...(row.nextDoor ? { 'next door req/s': row.nextDoor.reqPerSec, 'next door p99': row.nextDoor.p99Ms } : {}),
          'app p99 ms': row.p99Ms,
          'floor p99 ms': row.floor?.p99Ms ?? '',
          'alone ms': row.aloneMeanMs,
          'non-2xx': row.non2xx,
          // Server + PostgreSQL CPU per answer, app and floor: where each one's cost is.
          'app CPU µs': cpuCell(row.cpuMicrosPerRequest),
          'floor CPU µs': cpuCell(row.floor?.cpuMicrosPerRequest ?? null),
          targets: row.misses.length ? `MISSED: ${row.misses.join(', ')}` : 'ok',
        },
      ]),
    ),
  )
  console.log(`App server memory over the measurements: ${rssBeforeMb.toFixed(0)} MB before, ${rssAfterMb.toFixed(0)} MB after (${process.env.WEB_CONCURRENCY ?? 1} process(es); the first one's RSS)`)
  // (BENCH_REUSE=1 imported nothing: no import figures.)
  const importOk = single ? single.seconds < BUDGET.importSeconds : null
  // The memory budget is the import's; under 32 connections of list traffic the server grows its heap too.
  const memoryOk = single ? single.peakRssMb < BUDGET.memoryMb : null
  if (single && distributed) {
    console.log(`Import, one streamed request of ${BINS.toLocaleString('en')} BINs: ${single.seconds.toFixed(1)} s (budget ${BUDGET.importSeconds} s: ${importOk ? 'ok' : 'MISSED'})`)
    console.log(`Import, ${CARDS} requests of ${BINS_PER_CARD} BINs (4 at a time): ${distributed.seconds.toFixed(1)} s`)
    console.log(`Server memory during the ${BINS.toLocaleString('en')}-BIN import: peak RSS ${single.peakRssMb.toFixed(0)} MB (budget ${BUDGET.memoryMb} MB: ${memoryOk ? 'ok' : 'MISSED'}; ${single.rssBeforeMb.toFixed(0)} MB before it); peak over the whole run ${peakMb.toFixed(0)} MB`)
  } else console.log(`BENCH_REUSE=1: the kept pm_bench data set, no import measured; peak RSS over the run ${peakMb.toFixed(0)} MB`)
  if (server.engine === 'pglite') console.log('The budgets are PostgreSQL\'s: PGlite is one WASM connection (and its memory counts in the server process).')

  const results = {
    date: new Date().toISOString(),
    engine: server.engine,
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: { before: loadBefore, after: loadAfter } },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, rounds: ROUNDS, warmUp: { windowSeconds: WARMUP_WINDOW_S, min: WARMUP_MIN, max: WARMUP_MAX }, processes: Number(process.env.WEB_CONCURRENCY || 1) },
    dataSet: { binNumbers: BINS, cards: CARDS, banks: BANKS, cardTypes: CARD_TYPES },
    import: { singleRequest: single, distributed },
    memory: { peakRssMb: Math.round(peakMb), duringSingleImportMb: single ? Math.round(single.peakRssMb) : null, measurementsBeforeMb: Math.round(rssBeforeMb), measurementsAfterMb: Math.round(rssAfterMb) },
    endpoints: rows,
    budgets: { ...BUDGET, ratioTarget: RATIO_TARGET, listsOk: rows.every((row) => row.budgetOk), ratiosOk: rows.every((row) => row.ratio === null || row.ratio >= row.ratioTarget!), importOk, memoryOk },
  }
  writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  log('results written to bench/results.json')
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  memory.stop()
  floor?.stop()
  await nextDoor?.stop()
  await server.stop()
}
process.exit(exitCode)
