import { createHash } from 'node:crypto'
import pg, { type Pool, type PoolClient, type QueryResult } from 'pg'

/** Statement names by SQL text: the same text gets the same name on every connection. */
const statementNames = new Map<string, string>()
function statementName(sql: string): string {
  let name = statementNames.get(sql)
  if (name === undefined) {
    if (statementNames.size >= 10_000) statementNames.clear()
    statementNames.set(sql, (name = `pm_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`))
  }
  return name
}

/** node-postgres's record of what a connection has parsed, by statement name (it never forgets a name by itself). */
type ParsedStatements = { connection?: { parsedStatements?: Record<string, string> } }

/**
 * Named (prepared) statements, at most `perConnection` on each pooled connection, the least recently used
 * deallocated when another is prepared (decision 028). A prepared statement is parsed once per
 * connection, and after five runs PostgreSQL may keep a generic plan for it, which skips planning: for a
 * list, planning cost several times what running it did. node-postgres keeps every name it prepared for
 * the connection's life, and clients choose the list shapes (filters, orderings), so without the bound a
 * long-lived connection would collect statements without end.
 */
export class PreparedStatements {
  readonly #held = new WeakMap<PoolClient, Map<string, true>>()
  constructor(private readonly perConnection = 100) {}

  query(pool: Pool, sql: string, values: unknown[]): Promise<QueryResult> {
    // A bound of 0 (DATABASE_PREPARED_STATEMENTS=0) turns preparing off: every statement runs unnamed.
    if (this.perConnection < 1) return pool.query(sql, values)
    const name = statementName(sql)
    // Callbacks inside one promise, as pool.query runs: each awaited step would be a promise more per
    // read, and every promise pays the process's async hooks (Next's AsyncLocalStorage) and the GC.
    return new Promise((resolve, reject) => {
      pool.connect((connectError, client, release) => {
        if (connectError || !client) return reject(connectError)
        const run = () => {
          // A query made from the text and then named: node-postgres copies a config object property
          // descriptor by property descriptor, several times slower than the text.
          const query = new pg.Query(sql, values, (error: Error | undefined, result: QueryResult) => {
            // As pool.query does: a connection that failed a query is not trusted again.
            release(error)
            if (error) reject(error)
            else resolve(result)
          }) as pg.Query & { name?: string }
          query.name = name
          client.query(query)
        }
        const deallocating = this.#hold(client, name)
        if (!deallocating) return run()
        deallocating.then(run, (error: Error) => {
          release(error)
          reject(error)
        })
      })
    })
  }

  /**
   * Marks `name` as the connection's most recently used statement; if the connection holds its maximum,
   * deallocates the least recently used one first and returns that round trip (else nothing to wait for).
   */
  #hold(client: PoolClient, name: string): Promise<void> | undefined {
    let held = this.#held.get(client)
    if (!held) this.#held.set(client, (held = new Map()))
    if (held.delete(name)) {
      held.set(name, true)
      return undefined
    }
    held.set(name, true)
    if (held.size <= this.perConnection) return undefined
    const oldest = held.keys().next().value as string
    held.delete(oldest)
    return client.query(`deallocate ${oldest}`).then(() => {
      delete (client as unknown as ParsedStatements).connection?.parsedStatements?.[oldest]
    })
  }
}
