import { createHash } from 'node:crypto'
import type { Pool, PoolClient, QueryResult } from 'pg'

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

  async query(pool: Pool, sql: string, values: unknown[]): Promise<QueryResult> {
    // A bound of 0 (DATABASE_PREPARED_STATEMENTS=0) turns preparing off: every statement runs unnamed.
    if (this.perConnection < 1) return pool.query(sql, values)
    const client = await pool.connect()
    try {
      const name = statementName(sql)
      await this.#hold(client, name)
      const result = await client.query({ name, text: sql, values })
      client.release()
      return result
    } catch (error) {
      // As pool.query does: a connection that failed a query is not trusted again.
      client.release(error as Error)
      throw error
    }
  }

  /** Marks `name` as the connection's most recently used statement, deallocating the least recently used one first if the connection holds its maximum. */
  async #hold(client: PoolClient, name: string): Promise<void> {
    let held = this.#held.get(client)
    if (!held) this.#held.set(client, (held = new Map()))
    if (held.delete(name)) {
      held.set(name, true)
      return
    }
    if (held.size >= this.perConnection) {
      const oldest = held.keys().next().value as string
      held.delete(oldest)
      await client.query(`deallocate ${oldest}`)
      delete (client as unknown as ParsedStatements).connection?.parsedStatements?.[oldest]
    }
    held.set(name, true)
  }
}
