import type { Db, Resource } from './define'
import { parseInteger } from './fields'
import type { Lookup } from './filters'

export interface AppliedFilter {
  /** The query parameter's filter name (`bank` of `bank=3`). */
  name: string
  column: string
  lookup: Lookup
  raw: string
}

/**
 * A list whose count `row_counts` can answer: no filter at all ('all'), or only `channel=<id>`.
 * Anything else (other filters, a scope) is counted by the query itself.
 */
export function storedCountScope(resource: Pick<Resource, 'countedRows'>, filters: AppliedFilter[], scoped: boolean): 'all' | number | null {
  if (scoped || !resource.countedRows) return null
  if (filters.length === 0) return 'all'
  if (filters.length !== 1) return null
  const [only] = filters
  if (only.column !== 'channel_id' || only.lookup !== 'exact') return null
  const channel = parseInteger(only.raw)
  return channel !== undefined && Math.abs(channel) <= 2147483647 ? channel : null
}

/**
 * The stored count of a table (or of one channel's rows in it) as a one-row query of `n`, and `version`:
 * the sum of the rows' versions, which every change of those rows moves forward (migration 0013).
 */
export function storedCountQuery(db: Db, table: string, scope: 'all' | number) {
  let query = db
    .selectFrom('row_counts')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'), eb.fn.coalesce(eb.fn.sum<string>('version'), eb.lit(0)).as('version')])
    .where('table_name', '=', table)
  if (scope !== 'all') query = query.where('channel_id', '=', scope)
  return query
}
