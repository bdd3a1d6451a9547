import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import { readRows } from '@/db/connection'
import { KeptStatements, type Statement } from '@/db/kept-statements'
import { InvalidError, type FieldErrors } from '@/lib/http/errors'
import { publicHref } from '@/lib/http/request-context'
import type { Db, DbRow, Resource } from './define'
import { buildCondition, type FilterCondition, type Lookup } from './filters'
import { dict, parseInteger } from './fields'
import { KeptPages } from './kept-pages'
import { PageBoundaries, type Boundary } from './page-boundaries'
import { storedCountKey, storedCountQuery, storedCountScope, type AppliedFilter, type StoredCount } from './row-counts'
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

/** A deep page's start kept from an earlier read (page-boundaries.ts), and the version it was read under. */
type StartAt = Boundary & { version: string }

/**
 * The query of one page of rows, filtered and ordered, with their virtual fields; from `start` on when
 * given: the rows at (or after) the boundary in the list's order, one row comparison, as every
 * direction is the same (`boundaryList`).
 */
function pageQuery(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[], start?: StartAt, gate?: RawBuilder<boolean>) {
  const offset = (query.page - 1) * query.limit
  if (gate) {
    // (Only first pages are kept whole: never from a boundary, never deep.)
    return ordered(withVirtualFields(filtered(db, resource, query, scope).selectAll(), resource).where(gate), query).limit(query.limit).offset(offset)
  }
  if (start) {
    const columns = sql.join(query.ordering.map(({ column }) => sql.ref(`${resource.table}.${column}`)))
    const operator = sql.raw((query.ordering[0].direction === 'desc' ? '<' : '>') + (start.inclusive ? '=' : ''))
    const from = sql<boolean>`(${columns}) ${operator} (${sql.join(start.values.map((value) => sql`${value}`))})`
    // The limit is written into the SQL: bound, a prepared statement's generic plan would guess a tenth of
    // the table and read it whole instead of walking the ordering's index for one page.
    return ordered(withVirtualFields(filtered(db, resource, query, scope).selectAll(), resource).where(from), query).limit(sql.lit(query.limit))
  }
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

/** The columns that carry the count, and the stored count's version, on every row of runList's statement (no table has columns of these names). */
const TOTAL = 'pm_list_total'
const VERSION = 'pm_list_version'

/**
 * Where deep pages of counted lists start, by database, list and offset (docs/decisions/029-deep-page-boundaries.md).
 * By database: two databases with the same history of writes have the same versions but not the same rows.
 */
const boundariesByDb = new WeakMap<Db, PageBoundaries>()

function boundariesOf(db: Db): PageBoundaries {
  let boundaries = boundariesByDb.get(db)
  if (!boundaries) boundariesByDb.set(db, (boundaries = new PageBoundaries()))
  return boundaries
}

/** How deep pages of counted lists were read (tests): from a kept boundary, or again from the start (none kept, or kept under another version). */
const deepReads = { fromBoundary: 0, fromStart: 0, stale: 0 }

/** First pages of counted lists kept whole, by database (kept-pages.ts, docs/decisions/034-kept-first-pages.md). */
const keptPagesByDb = new WeakMap<Db, KeptPages>()

function keptPagesOf(db: Db): KeptPages {
  let pages = keptPagesByDb.get(db)
  if (!pages) keptPagesByDb.set(db, (pages = new KeptPages()))
  return pages
}

/** How first pages of counted lists were read (tests): rows kept under the version read, or rows read. */
const firstPageReads = { kept: 0, read: 0 }

/**
 * The name under which a list's page is kept whole, or undefined when it cannot be: a page before the
 * deep ones of a list whose count (and so version) is stored, of a resource whose rows are its own
 * columns alone (virtual fields read other tables, whose writes move no version of this one) and hold
 * no secrets (a POS config stays in memory no longer than its answer).
 */
function keptPageKey(resource: Resource, query: ListQuery, scope: FilterCondition[], offset: number): string | undefined {
  if (offset >= DEFERRED_JOIN_OFFSET || resource.readWith || resource.redact) return undefined
  const stored = countScope(resource, query, scope)
  if (stored === null) return undefined
  return `${countedListName(resource, query, stored)}|${query.limit}|${offset}`
}

/**
 * The page and its count in one statement, one round trip: the count's one row, left-joined to the page
 * (lateral, so each part keeps its own plan: the count an index-only scan, the page an ordered scan
 * that stops at its limit; `count(*) over ()` would read every matching row in full before the limit).
 * A page past the end still returns the count's row, its page columns null.
 *
 * A deep page of a counted list starts at the boundary kept for its offset when that was kept under the
 * version the statement reads (else it reads again from the start), and keeps where it and the next
 * page start. An earlier page of a counted list is kept whole (kept-pages.ts): read again, the statement
 * joins its rows only if the version has moved, and the kept rows answer when it has not. `kept`: the rows
 * are a kept page's, the same array for every answer until the version moves (never to be changed).
 */
export async function runList(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[] = []): Promise<{ rows: readonly DbRow[]; count: number; kept: boolean }> {
  const offset = (query.page - 1) * query.limit
  const list = offset >= DEFERRED_JOIN_OFFSET ? boundaryList(resource, query, scope) : undefined
  const boundaries = list === undefined ? undefined : boundariesOf(db)
  const start = boundaries?.at(list!, offset)
  const pageKey = keptPageKey(resource, query, scope, offset)
  const keptPages = pageKey === undefined ? undefined : keptPagesOf(db)
  const kept = keptPages?.get(pageKey!)
  let found = await readRows<Record<string, unknown>>(db, listStatement(db, resource, query, scope, start, kept?.version))
  if (start && String(found[0]?.[VERSION]) !== start.version) {
    deepReads.stale += 1
    found = await readRows<Record<string, unknown>>(db, listStatement(db, resource, query, scope))
  } else if (list !== undefined) deepReads[start ? 'fromBoundary' : 'fromStart'] += 1
  const count = Number(found[0]?.[TOTAL] ?? 0)
  const version = String(found[0]?.[VERSION])
  if (kept && version === kept.version) {
    // Nothing changed since the page was kept: the statement read the count alone.
    firstPageReads.kept += 1
    return { rows: kept.rows, count, kept: true }
  }
  const rows: DbRow[] = []
  for (const { [TOTAL]: _total, [VERSION]: _version, ...row } of found) if (row.id !== null && row.id !== undefined) rows.push(asRow(row))
  if (keptPages) {
    firstPageReads.read += 1
    keptPages.set(pageKey!, version, rows)
  }
  if (list !== undefined && rows.length) {
    // Where this page starts (its first row), and where the next one does (just after its last row).
    const valuesOf = (row: Record<string, unknown>) => query.ordering.map(({ column }) => row[column])
    boundaries!.record(list, version, offset, { values: valuesOf(found[0]), inclusive: true })
    boundaries!.record(list, version, offset + query.limit, { values: valuesOf(found[found.length - 1]), inclusive: false })
  }
  return { rows, count, kept: keptPages !== undefined }
}

/**
 * The name under which a list's deep-page boundaries are kept, or undefined when they cannot be: only a
 * list whose count (and so version) is stored, ordered in one direction by columns that are never null
 * (a row comparison finds the rows from a boundary on only then; PostgreSQL sorts nulls last ascending).
 */
function boundaryList(resource: Resource, query: ListQuery, scope: FilterCondition[]): string | undefined {
  const stored = countScope(resource, query, scope)
  if (stored === null) return undefined
  const direction = query.ordering[0].direction
  for (const { column, direction: other } of query.ordering) if (other !== direction || !neverNull(resource, column)) return undefined
  return countedListName(resource, query, stored)
}

/** A counted list's name (its stored count and its ordering), under which its boundaries and kept pages are kept. */
function countedListName(resource: Resource, query: ListQuery, stored: StoredCount): string {
  return `${resource.name}|${storedCountKey(stored)}|${orderingKey(query)}`
}

/** The list's ordering as text (`modified_date desc,id desc`): part of the names lists and statements are kept by. */
function orderingKey(query: ListQuery): string {
  return query.ordering.map(({ column, direction }) => `${column} ${direction}`).join(',')
}

function neverNull(resource: Resource, column: string): boolean {
  for (const name in resource.columns)
    if (resource.columns[name] === column) return resource.fields[name]?.nullable === false && resource.fields[name]?.kind !== 'computed'
  return false
}

/**
 * List statements by the shape of their query (resource, count source, deep page or not, ordering, each
 * condition's shape); a shape whose compiled parameters are not the ones `listParameters` predicts (a
 * scope without a shape, say) is compiled every time.
 */
const listStatements = new KeptStatements()

/** The list's statement: its SQL from the shape's cache (else compiled, and checked before it is kept) and its parameters. */
function listStatement(db: Db, resource: Resource, query: ListQuery, scope: FilterCondition[], start?: StartAt, keptVersion?: string): Statement {
  const conditions = [...scope, ...query.conditions]
  const stored = countScope(resource, query, scope)
  const offset = (query.page - 1) * query.limit
  const shaped = conditions.every((condition) => condition.shape !== undefined)
  const shape = shaped
    ? [resource.name, resource.table, stored === null ? 'count' : stored === 'all' ? 'stored' : typeof stored === 'object' ? `stored ${stored.column}` : 'stored channel', start ? `from ${start.inclusive ? 'at' : 'after'} ${query.limit}` : offset >= DEFERRED_JOIN_OFFSET ? 'deep' : keptVersion === undefined ? 'page' : 'page unless kept',
        orderingKey(query), ...conditions.map((condition) => condition.shape)].join('|')
    : undefined
  return listStatements.statement(shape, shaped ? listParameters(resource, conditions, stored, query.limit, offset, start, keptVersion) : undefined, () => {
    const order = sql.join(query.ordering.map(({ column, direction }) => sql`${sql.ref(`page.${column}`)} ${sql.raw(direction)}`))
    const version = stored === null ? sql`` : sql`, ${sql.ref('total.version')} as ${sql.ref(VERSION)}`
    // From a boundary, the page is joined only if the boundary was kept under the version this statement reads.
    const join = start ? sql`${sql.ref('total.version')} = ${start.version}` : sql`true`
    // A page kept whole: its rows only if the version has moved since. Inside the page's query, where
    // PostgreSQL tests it once before reading (a one-time filter); as the join's condition it read the
    // rows and then dropped them.
    const page = pageQuery(db, resource, query, scope, start, keptVersion === undefined ? undefined : sql<boolean>`${sql.ref('total.version')} <> ${keptVersion}`)
    return sql`select ${sql.ref(`total.n`)} as ${sql.ref(TOTAL)}${version}, page.* from ${countQuery(db, resource, query, scope, stored)} as total
    left join lateral ${page} as page on ${join} order by ${order}`.compile(db)
  })
}

/**
 * What a list statement binds, in its order: the count's (the stored count's table, then its channel or
 * its reference column and value; else the conditions), then the page's conditions, limit and offset; from a boundary, its values instead of the
 * limit (written into the SQL) and offset, then its version; with a page kept whole, that page's version before the limit.
 */
function listParameters(resource: Resource, conditions: FilterCondition[], stored: StoredCount | null, limit: number, offset: number, start?: StartAt, keptVersion?: string): unknown[] {
  const bound = conditions.flatMap((condition) => condition.parameters ?? [])
  const count =
    stored === null ? bound : stored === 'all' ? [resource.table] : typeof stored === 'object' ? [resource.table, stored.column, stored.value] : [resource.table, stored]
  if (start) return [...count, ...bound, ...start.values, start.version]
  return keptVersion === undefined ? [...count, ...bound, limit, offset] : [...count, ...bound, keptVersion, limit, offset]
}

/**
 * DRF's `next`/`previous`: the same URL with the page moved, or null. Only the query is parsed and
 * written again (as a URL's `searchParams` writes it); the public origin and the path are kept as text.
 */
export function pageLinks(requestUrl: string | undefined, page: number, limit: number, count: number) {
  const hasNext = page * limit < count
  if (!requestUrl || (!hasNext && page <= 1)) return { next: null, previous: null }
  const href = publicHref(requestUrl)
  const mark = href.indexOf('?')
  const path = mark < 0 ? href : href.slice(0, mark)
  const params = new URLSearchParams(mark < 0 ? '' : href.slice(mark + 1))
  return { next: hasNext ? pageLink(path, params, page + 1) : null, previous: page > 1 ? pageLink(path, params, page - 1) : null }
}

/** One page link: `page` set in place (or dropped for the first page) in the shared parameters. */
function pageLink(path: string, params: URLSearchParams, target: number): string {
  if (target === 1) params.delete('page')
  else params.set('page', String(target))
  const query = params.toString()
  return query ? `${path}?${query}` : path
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

/** How deep pages of counted lists were read so far in this process (tests). */
export function deepPageReads(): Readonly<typeof deepReads> {
  return { ...deepReads }
}

/** How first pages of counted lists were read so far (tests): from kept rows, or with their rows. */
export function keptPageReads(): Readonly<typeof firstPageReads> {
  return { ...firstPageReads }
}

/** List shapes with their SQL kept, and shapes compiled every time (tests: a list's second call binds, it does not compile). */
export function keptListStatements(): { kept: number; compiledEachTime: number } {
  return listStatements.counts()
}
