import 'server-only'
import type { Transaction } from 'kysely'
import { getDb } from './connection'
import type { Database } from './types'
export { getDb, closeDb } from './connection'

/** The edges (route handlers, server actions) open the transaction a unit of work runs in; services take it. */
export async function withTransaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return (await getDb()).transaction().execute(work)
}
