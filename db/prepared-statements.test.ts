import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_URL, postgresReachable } from './test-engines'
import { PreparedStatements } from './prepared-statements'

// Prepared statements exist on the PostgreSQL server only (PGlite is read through Kysely, unprepared).
const available = await postgresReachable()

describe('PreparedStatements on PostgreSQL', () => {
  let pool: pg.Pool
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: ADMIN_URL, max: 1 })
  })
  afterAll(async () => pool?.end())

  /** What the pool's one connection holds prepared, as the server sees it (this query is not prepared). */
  const preparedOnServer = async () => (await pool.query<{ statement: string }>('select statement from pg_prepared_statements order by statement')).rows.map((row) => row.statement)

  it.skipIf(!available)('keeps at most its bound on a connection, deallocating the least recently used, and answers every statement right', async () => {
    const prepared = new PreparedStatements(2)
    const text = (n: number) => `select $1::int + ${n} as sum`
    const sum = async (n: number, value: number) => (await prepared.query(pool, text(n), [value])).rows[0].sum

    expect(await sum(1, 10)).toBe(11)
    expect(await sum(2, 10)).toBe(12)
    expect(await sum(1, 20)).toBe(21) // 1 is now the most recently used: 2 goes first
    expect(await sum(3, 10)).toBe(13)
    expect(await preparedOnServer()).toEqual([text(1), text(3)])

    // An evicted statement is prepared again when it comes back (node-postgres forgot it too).
    expect(await sum(2, 30)).toBe(32)
    expect(await preparedOnServer()).toEqual([text(2), text(3)])
    for (let n = 0; n < 20; n++) expect(await sum(n % 5, n)).toBe(n + (n % 5))
    expect((await preparedOnServer()).length).toBe(2)
  })

  it.skipIf(!available)('prepares nothing with a bound of 0', async () => {
    const before = await preparedOnServer()
    const unprepared = new PreparedStatements(0)
    expect((await unprepared.query(pool, 'select $1::int * 2 as twice', [21])).rows).toEqual([{ twice: 42 }])
    expect(await preparedOnServer()).toEqual(before)
  })

  it.skipIf(!available)('drops a connection whose statement failed, and the next query prepares on a fresh one', async () => {
    const prepared = new PreparedStatements(2)
    await expect(prepared.query(pool, 'select 1 / $1::int as quotient', [0])).rejects.toThrow(/division by zero/)
    expect((await prepared.query(pool, 'select 1 / $1::int as quotient', [1])).rows).toEqual([{ quotient: 1 }])
    expect(await preparedOnServer()).toEqual(['select 1 / $1::int as quotient'])
  })
})
