import { sql, type SelectQueryBuilder } from 'kysely'
import { readRows } from '@/db/connection'
import { KeptStatements, type Statement } from '@/db/kept-statements'
import { InvalidError, type FieldErrors } from '@/lib/http/errors'
import { publicUrl } from '@/lib/http/request-context'
import type { Db, DbRow, Resource } from './define'
import { buildCondition, type FilterCondition, type Lookup } from './filters'
import { dict, parseInteger } from './fields'
import { storedCountQuery, storedCountScope, type AppliedFilter } from './row-counts'
import { anyTable, asRow, type AnyDatabase } from './table'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 500
/** From this offset on, a page is read by a deferred join (runList). */
const DEFERRED_JOIN_OFFSET = 1000
const RESERVED = new Set(['page', 'limit', 'ordering', 'format', 'search'])

export interface ListQuery {
  conditions: FilterCondition[]
  /** The filters behind `conditions`, as given; lets the count come from `row_counts` when it can. */
  applied?: AppliedFilter[]
  ordering: { column: string; direction: 'asc' | 'desc' }[]
  page: number
  limit: number
}

/**
 * Parses `?page&limit&ordering&<filter>[__lookup]` against the resource's whitelists.
 * Unknown parameters are ignored (as django-filter does); known ones with bad values are a 400.
 */
export function parseListQuery(resource: Resource, params: URLSearchParams): ListQuery {
  // Parameter names are data: `constructor` or `__proto__` name no filter and no ordering field.
  const errors = dict<string[]>()
  const conditions: FilterCondition[] = []
  const applied: AppliedFilter[] = []
  // A repeated parameter counts once, with its last value, as Django's QueryDict.get reads it.
  for (const [key, raw] of new Map(params)) {
    if (RESERVED.has(key)) continue
    const parts = key.split('__')
    // Unknown names and lookups, chained ones (`id__gt__lt`) included, are ignored as django-filter does.
    if (parts.length > 2) continue
    const [name, lookup = 'exact'] = parts as [string, Lookup | undefined]
    const filter = Object.hasOwn(resource.filters, name) ? resource.filters[name] : undefined
    if (!filter || !filter.lookups.includes(lookup as Lookup)) continue
    if (raw === '') continue
    if (raw.includes('\u0000')) {
      ;(errors[key] ??= []).push('Null characters are not allowed.')
      continue
    }
    const condition = buildCondition(filter, lookup as Lookup, raw)
    if (typeof condition === 'function') {
      conditions.push(condition)
      applied.push({ name, column: filter.column, lookup: lookup as Lookup, raw })
    }
    else (errors[key] ??= []).push(condition.error)
  }

  const limit = params.has('limit') ? parseInteger(params.get('limit')) : DEFAULT_LIMIT
  if (limit === undefined || limit < 1) errors.limit = ['A valid positive integer is required.']
  const page = params.has('page') ? parseInteger(params.get('page')) : 1
  if (page === undefined || page < 1) errors.page = ['Invalid page.']

  const ordering: ListQuery['ordering'] = []
  const orderingParam = params.get('ordering')
  const requested = orderingParam ? orderingParam.split(',').map((part) => part.trim()).filter(Boolean) : resource.defaultOrdering
  for (const term of requested) {
    const descending = term.startsWith('-')
    const name = descending ? term.slice(1) : term
    // `id` is the model's own name for `pk`: ordering by it works as in DRF.
    const column = Object.hasOwn(resource.columns, name) ? resource.columns[name] : name === 'id' ? resource.columns.pk : undefined
    if (!column) {
      ;(errors.ordering ??= []).push(`Invalid ordering field "${name}".`)
      continue
    }
    if (!ordering.some((entry) => entry.column === column)) ordering.push({ column, direction: descending ? 'desc' : 'asc' })
  }
  // A stable tie-breaker keeps pages from overlapping.
  if (!ordering.some((entry) => entry.column === 'id')) ordering.push({ column: 'id', direction: ordering[0]?.direction ?? 'asc' })

  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { conditions, applied, ordering, page: page!, limit: Math.min(limit!, MAX_LIMIT) }
}

/** The resource's table with the list's scope and filters applied. */
function filtered(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[]) {
  const where = [...scope, ...query.conditions]
  return anyTable(db)
    .selectFrom(resource.table)
    .$if(where.length > 0, (select) => select.where((eb) => eb.and(where.map((condition) => condition(eb)))))
}

/** `order by` the list's ordering (whitelisted columns), then the id as a tie-breaker (parseListQuery adds it). */
function ordered<S extends SelectQueryBuilder<AnyDatabase, string, object>>(select: S, query: ListQuery): S {
  return query.ordering.reduce((acc, { column, direction }) => acc.orderBy(sql.ref(column), direction) as S, select)
}

/** The select with the resource's virtual fields (`readWith`) beside the row's columns. */
export function withVirtualFields<S extends SelectQueryBuilder<AnyDatabase, string, object>>(select: S, resource: Resource): S {
  const readWith = resource.readWith
  if (!readWith) return select
  return select.select(Object.keys(readWith).map((name) => readWith[name](resource.table).as(name))) as unknown as S
}

/** The query of one page of rows, filtered and ordered, with their virtual fields. */
function pageQuery(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[]) {
  const offset = (query.page - 1) * query.limit
  if (offset >= DEFERRED_JOIN_OFFSET) {
    // Deep pages: skip the offset over ids alone (an index-only scan when an index matches the
    // ordering), then read the page's rows; skipping whole rows costs a heap visit per skipped row.
    const ids = ordered(filtered(db, resource, query, scope).select('id'), query).limit(query.limit).offset(offset)
    return ordered(withVirtualFields(anyTable(db).selectFrom(resource.table).selectAll(), resource).where('id', 'in', ids), query)
  }
  return ordered(withVirtualFields(filtered(db, resource, query, scope).selectAll(), resource), query).limit(query.limit).offset(offset)
}

/** One page of rows, filtered and ordered, without the count (an export reads every page and never needs it). */
export async function listRows(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[] = []): Promise<DbRow[]> {
  const rows = await readRows<Record<string, unknown>>(db, pageQuery(db, resource, query, scope).compile())
  return rows.map((row) => asRow(row))
}

/** Whether `row_counts` can answer the list's count (docs/decisions/003-list-counts.md), and for which rows. */
function countScope(resource: Resource, query: ListQuery, scope: FilterCondition[]) {
  return storedCountScope(resource, query.applied ?? [], scope.length > 0)
}

/** The list's total as a one-row query: `row_counts` when it can answer, else count(*). */
function countQuery(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[], stored = countScope(resource, query, scope)) {
  // count(*) over a million-row table costs more than the page itself: such tables keep exact counts.
  if (stored !== null) return storedCountQuery(db, resource.table, stored)
  return filtered(db, resource, query, scope).select(sql<number>`count(*)`.as('n'))
}

/** The column that carries the count on every row of runList's statement (no table has a column of this name). */
const TOTAL = 'pm_list_total'

/**
 * The page and its count in one statement, one round trip: the count's one row, left-joined to the page
 * (lateral, so each part keeps its own plan: the count an index-only scan, the page an ordered scan
 * that stops at its limit; `count(*) over ()` would read every matching row in full before the limit).
 * A page past the end still returns the count's row, its page columns null.
 */
export async function runList(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[] = []) {
  const found = await readRows<Record<string, unknown>>(db, listStatement(db, resource, query, scope))
  const count = Number(found[0]?.[TOTAL] ?? 0)
  const rows: DbRow[] = []
  for (const { [TOTAL]: _total, ...row } of found) if (row.id !== null && row.id !== undefined) rows.push(asRow(row))
  return { rows, count }
}

/**
 * List statements by the shape of their query (resource, count source, deep page or not, ordering, each
 * condition's shape); a shape whose compiled parameters are not the ones `listParameters` predicts (a
 * scope without a shape, say) is compiled every time.
 */
const listStatements = new KeptStatements()

/** The list's statement: its SQL from the shape's cache (else compiled, and checked before it is kept) and its parameters. */
function listStatement(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[]): Statement {
  const conditions = [...scope, ...query.conditions]
  const stored = countScope(resource, query, scope)
  const offset = (query.page - 1) * query.limit
  const shaped = conditions.every((condition) => condition.shape !== undefined)
  const shape = shaped
    ? [resource.name, resource.table, stored === null ? 'count' : stored === 'all' ? 'stored' : 'stored channel', offset >= DEFERRED_JOIN_OFFSET ? 'deep' : 'page',
        query.ordering.map(({ column, direction }) => `${column} ${direction}`).join(','), ...conditions.map((condition) => condition.shape)].join('|')
    : undefined
  return listStatements.statement(shape, shaped ? listParameters(resource, conditions, stored, query.limit, offset) : undefined, () => {
    const order = sql.join(query.ordering.map(({ column, direction }) => sql`${sql.ref(`page.${column}`)} ${sql.raw(direction)}`))
    return sql`select ${sql.ref(`total.n`)} as ${sql.ref(TOTAL)}, page.* from ${countQuery(db, resource, query, scope, stored)} as total
    left join lateral ${pageQuery(db, resource, query, scope)} as page on true order by ${order}`.compile(db)
  })
}

/** What a list statement binds, in its order: the count's (the stored count's table and channel, or the conditions), then the page's conditions, limit and offset. */
function listParameters(resource: Resource, conditions: FilterCondition[], stored: 'all' | number | null, limit: number, offset: number): unknown[] {
  const bound = conditions.flatMap((condition) => condition.parameters ?? [])
  const count = stored === null ? bound : stored === 'all' ? [resource.table] : [resource.table, stored]
  return [...count, ...bound, limit, offset]
}

/** DRF's `next`/`previous`: the same URL with the page moved, or null. */
export function pageLinks(requestUrl: string | undefined, page: number, limit: number, count: number) {
  if (!requestUrl) return { next: null, previous: null }
  const link = (target: number) => {
    const url = publicUrl(requestUrl)
    if (target === 1) url.searchParams.delete('page')
    else url.searchParams.set('page', String(target))
    return url.toString()
  }
  return {
    next: page * limit < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  }
}

/**
 * django-filter's ModelChoiceFilter refuses an id that names no record. Only an empty page needs the
 * check (any row found proves the ids exist), so busy lists pay nothing for it.
 */
export async function assertChoicesExist(db: Db, resource: Resource, query: ListQuery): Promise<void> {
  const errors: FieldErrors = {}
  for (const filter of query.applied ?? []) {
    const table = resource.fields[filter.name]?.references?.table
    if (resource.filters[filter.name]?.type !== 'ModelChoiceFilter' || filter.lookup !== 'exact' || !table) continue
    const id = parseInteger(filter.raw)
    const found =
      id !== undefined && id >= 1 && id <= 2147483647 &&
      (await db.selectFrom(table).select(sql<number>`1`.as('found')).where(sql.ref(`${table}.id`), '=', id).executeTakeFirst())
    if (!found) errors[filter.name] = ['Select a valid choice. That choice is not one of the available choices.']
  }
  if (Object.keys(errors).length) throw new InvalidError(errors)
}

/** List shapes with their SQL kept, and shapes compiled every time (tests: a list's second call binds, it does not compile). */
export function keptListStatements(): { kept: number; compiledEachTime: number } {
  return listStatements.counts()
}
