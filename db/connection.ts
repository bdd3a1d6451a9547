import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { CompiledQuery, Kysely, PostgresDialect, type Dialect, type Transaction } from 'kysely'
import type { Statement } from './kept-statements'
import { poolSize } from './pool-size'
import { PreparedStatements } from './prepared-statements'
import type { Database } from './types'

// Raw text for timestamps and dates keeps the microseconds the API must return (a JS Date drops them);
// numeric stays a string so money and rates are exact; bigint counts fit in a JS number.
const identity = (value: string) => value
const TIMESTAMPTZ = 1184
const TIMESTAMP = 1114
const DATE = 1082
const INT8 = 20
const NUMERIC = 1700

export type Engine = 'postgres' | 'pglite'

export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): Engine {
  return env.DATABASE_URL ? 'postgres' : 'pglite'
}

export function pgliteDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite'))
}

/**
 * The pg pool behind each root handle made here (PostgreSQL only). Hot reads run their compiled SQL on it
 * directly (`readRows`): Kysely's executor costs ~10 µs and a handful of promises per query, and every
 * promise pays the async-hooks toll of AsyncLocalStorage, which Next turns on in the server process.
 */
const pools: WeakMap<object, import('pg').Pool> = ((globalThis as { __pmPools?: WeakMap<object, import('pg').Pool> }).__pmPools ??= new WeakMap())

/** Named statements on the pools' connections, a bounded number on each (decision 028). */
const preparedStatements: PreparedStatements = ((globalThis as { __pmPreparedStatements?: PreparedStatements }).__pmPreparedStatements ??= new PreparedStatements(
  Number(process.env.DATABASE_PREPARED_STATEMENTS || 100),
))

/**
 * Rows of a read-only query compiled by Kysely (or SQL with Kysely's `$n` parameters). On a root
 * PostgreSQL handle it goes straight to the pool; in a transaction, or on PGlite, through Kysely.
 * `prepared` (by default, the statement's own `prepared`, which kept statements set): a named statement,
 * parsed once per connection and, once PostgreSQL finds a generic plan as good, not planned again (a list
 * or a join of four tables took longer to plan than to run). Only for query texts from a bounded set of
 * shapes: each connection keeps its 100 most recently used (DATABASE_PREPARED_STATEMENTS).
 */
export function readRows<R>(
  db: Kysely<Database> | Transaction<Database>,
  query: Statement,
  options: { prepared?: boolean } = {},
): Promise<R[]> {
  // A promise chain, not an async function: one promise per read instead of three for the async hooks.
  const pool = pools.get(db)
  if (!pool) return db.executeQuery<R>(CompiledQuery.raw(query.sql, [...query.parameters])).then((result) => result.rows)
  const values = query.parameters as unknown[]
  const result = (options.prepared ?? query.prepared) ? preparedStatements.query(pool, query.sql, values) : pool.query(query.sql, values)
  return result.then((found) => found.rows as R[])
}

/** The rows of a Kysely select, read as `readRows` reads (on a root PostgreSQL handle, straight from the pool). */
export function readSelect<R>(
  db: Kysely<Database> | Transaction<Database>,
  query: { compile(): { sql: string; parameters: readonly unknown[] } } & { execute(): Promise<R[]> },
  options: { prepared?: boolean } = {},
): Promise<R[]> {
  return readRows<R>(db, query.compile(), options)
}

async function createKysely(env: NodeJS.ProcessEnv): Promise<Kysely<Database>> {
  const { dialect, pool } = await createDialect(env)
  const db = new Kysely<Database>({ dialect })
  if (pool) pools.set(db, pool)
  return db
}

async function createDialect(env: NodeJS.ProcessEnv): Promise<{ dialect: Dialect; pool?: import('pg').Pool }> {
  if (env.DATABASE_URL) {
    const pg = await import('pg')
    const Pool = pg.default?.Pool ?? pg.Pool
    const pool = new Pool({
      connectionString: env.DATABASE_URL,
      max: poolSize(env),
      // A server that does not answer at all (a black-holed network) fails the request as 503, not never.
      connectionTimeoutMillis: Number(env.DATABASE_CONNECT_TIMEOUT_MS || 5000),
      options: '-c TimeZone=UTC',
      types: {
        getTypeParser: ((oid: number, format?: string) => {
          if (oid === TIMESTAMPTZ || oid === TIMESTAMP || oid === DATE || oid === NUMERIC) return identity
          if (oid === INT8) return (value: string) => Number(value)
          return pg.default.types.getTypeParser(oid, format as 'text')
        }) as typeof pg.default.types.getTypeParser,
      },
    })
    watchOutages(pool)
    return { dialect: new PostgresDialect({ pool }), pool }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGliteDialect } = await import('kysely-pglite-dialect')
  const dir = pgliteDir(env)
  // PGlite neither creates parent folders nor locks its folder: one folder per process.
  mkdirSync(path.dirname(dir), { recursive: true })
  const client = await PGlite.create(dir, {
    parsers: { [TIMESTAMPTZ]: identity, [TIMESTAMP]: identity, [DATE]: identity, [NUMERIC]: identity },
  })
  await client.exec(`set timezone to 'UTC'`)
  return { dialect: new PGliteDialect(client) }
}

/**
 * When PostgreSQL restarts, idle pooled connections are terminated and the pool emits `error`; with no
 * listener that is an uncaught exception that ends the process. Requests meanwhile answer 503 with
 * Retry-After (lib/http/errors.ts); the pool opens fresh connections by itself once the server is back.
 * One line when the outage starts and one when a connection succeeds again, not one per request.
 */
function watchOutages(pool: import('pg').Pool): void {
  let down = false
  const lost = (error: Error) => {
    if (down) return
    down = true
    console.error(`PostgreSQL connection lost (${error.message}); answering 503 until it is back.`)
  }
  pool.on('error', lost)
  pool.on('connect', (client) => {
    // A checked-out client has no pool listener: its connection dying between two queries of a
    // transaction would otherwise be an uncaught 'error'. Its next query fails (→ 503) and the pool drops it.
    client.on('error', lost)
    if (!down) return
    down = false
    console.log('PostgreSQL connection restored.')
  })
}

type DbHolder = { promise?: Promise<Kysely<Database>> }
// Cached on globalThis so that dev-mode hot reloads reuse the one embedded database of this process.
const holder = ((globalThis as Record<string, unknown>).__paymentConsoleDb ??= {}) as DbHolder

export function getDb(): Promise<Kysely<Database>> {
  holder.promise ??= createKysely(process.env)
  return holder.promise
}

export async function createDb(env: NodeJS.ProcessEnv): Promise<Kysely<Database>> {
  return createKysely(env)
}

export async function closeDb(): Promise<void> {
  const pending = holder.promise
  holder.promise = undefined
  if (pending) await (await pending).destroy()
}
