import { sql } from 'kysely'
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
 * Where a list's count is kept, when it is: the whole table ('all'), one channel's rows (its id) in
 * `row_counts`, or the rows of one value of a reference column in `reference_counts`.
 */
export type StoredCount = 'all' | number | { column: string; value: number }

/**
 * A list whose count is kept: no filter at all ('all'), only `channel=<id>`, or only `<reference>=<id>`
 * of a field the description names in `countedBy`. Anything else (other filters, a scope) is counted by
 * the query itself.
 */
export function storedCountScope(resource: Pick<Resource, 'countedRows' | 'countedBy'>, filters: AppliedFilter[], scoped: boolean): StoredCount | null {
  if (scoped || !resource.countedRows) return null
  if (filters.length === 0) return 'all'
  if (filters.length !== 1) return null
  const [only] = filters
  if (only.lookup !== 'exact') return null
  const counted = only.column === 'channel_id' || resource.countedBy?.includes(only.name)
  if (!counted) return null
  const id = parseInteger(only.raw)
  if (id === undefined || Math.abs(id) > 2147483647) return null
  return only.column === 'channel_id' ? id : { column: only.column, value: id }
}

/** The name of a kept count, unique per table (deep-page boundaries and statement shapes are kept by it). */
export function storedCountKey(scope: StoredCount): string {
  return typeof scope === 'object' ? `${scope.column}=${scope.value}` : String(scope)
}

/**
 * The stored count of a table (of one channel's rows, or of one reference value's) as a one-row query
 * of `n`, and `version`: the sum of the rows' versions, which every change of those rows moves forward
 * (migrations 0013, 0015). No kept row (a card without BINs) reads as 0 at version 0.
 */
export function storedCountQuery(db: Db, table: string, scope: StoredCount) {
  if (typeof scope === 'object')
    return db
      .selectFrom('reference_counts')
      .select(KEPT_SUMS)
      .where('table_name', '=', table)
      .where('column_name', '=', scope.column)
      .where('value', '=', scope.value)
  let query = db.selectFrom('row_counts').select(KEPT_SUMS).where('table_name', '=', table)
  if (scope !== 'all') query = query.where('channel_id', '=', scope)
  return query
}

/** What both count tables answer: the kept rows' summed `n` and `version`, 0 when no row is kept. */
const KEPT_SUMS = [sql<number>`coalesce(sum(${sql.ref('n')}), 0)`.as('n'), sql<string>`coalesce(sum(${sql.ref('version')}), 0)`.as('version')]
