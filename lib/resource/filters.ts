import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { parseBoolean, parseInteger } from './fields'
import type { AnyDatabase } from './table'

export type Lookup = 'exact' | 'gt' | 'gte' | 'lt' | 'lte' | 'date' | 'in' | 'icontains' | 'isnull'

/** One filter of a list endpoint, in django-filter's vocabulary (shown as is by `/schema/`). */
export interface FilterDef {
  type: 'NumberFilter' | 'ModelChoiceFilter' | 'DateFilter' | 'CharFilter' | 'BooleanFilter' | 'ChoiceFilter'
  column: string
  lookups: Lookup[]
  choices?: string[]
  /** NumberFilter on a numeric column: the value is an exact decimal, compared as numeric (never a float). */
  decimal?: boolean
  /** Brings the value to the stored form first (e.g. an IBAN: upper case, no spaces). */
  normalize?: (raw: string) => string
  /** Ours, not Omnitron's (the console's name search): accepted and in OpenAPI, left out of `/schema/`. */
  extension?: boolean
}

const NUMBER_LOOKUPS: Lookup[] = ['exact', 'gt', 'gte', 'lt', 'lte']

export const numberFilter = (column: string): FilterDef => ({ type: 'NumberFilter', column, lookups: NUMBER_LOOKUPS })
export const decimalFilter = (column: string): FilterDef => ({ type: 'NumberFilter', column, lookups: NUMBER_LOOKUPS, decimal: true })
export const modelFilter = (column: string): FilterDef => ({ type: 'ModelChoiceFilter', column, lookups: ['exact'] })
export const dateFilter = (column: string): FilterDef => ({ type: 'DateFilter', column, lookups: [...NUMBER_LOOKUPS, 'date'] })
export const charFilter = (column: string, lookups: Lookup[] = ['exact']): FilterDef => ({ type: 'CharFilter', column, lookups })
export const booleanFilter = (column: string): FilterDef => ({ type: 'BooleanFilter', column, lookups: ['exact'] })
export const choiceFilter = (column: string, choices: string[]): FilterDef => ({ type: 'ChoiceFilter', column, lookups: ['exact'], choices })

/** `name__icontains`: the console's search box, beyond the contract's filters. */
export const nameSearch = (): FilterDef => ({ type: 'CharFilter', column: 'name', lookups: ['icontains'], extension: true })

/** id, pk, channel and modified_date: what every Omnitron payment filter set starts with. */
export function standardFilters(options: { channel?: boolean } = {}): Record<string, FilterDef> {
  return {
    id: numberFilter('id'),
    ...(options.channel === false ? {} : { channel: modelFilter('channel_id') }),
    modified_date: dateFilter('modified_date'),
    pk: numberFilter('id'),
  }
}

/**
 * A bound condition on a resource's table (`lib/resource/table.ts` names its columns at run time).
 * `shape` and `parameters` (made by `boundCondition`) let a list reuse the SQL compiled for the same
 * shape of query, binding only the new values (lib/resource/list.ts): the same `shape` must always give
 * the same SQL, and `parameters` are the values the SQL binds, in its order.
 */
export type FilterCondition = ((eb: ExpressionBuilder<AnyDatabase, string>) => Expression<SqlBool>) & {
  shape?: string
  parameters?: readonly unknown[]
}

export function boundCondition(
  shape: string,
  parameters: readonly unknown[],
  build: (eb: ExpressionBuilder<AnyDatabase, string>) => Expression<SqlBool>,
): FilterCondition {
  return Object.assign(build, { shape, parameters })
}

const OPERATORS = { exact: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const
const DECIMAL = /^-?\d{1,20}(\.\d{1,20})?$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A real calendar date and clock time (JS `Date` would roll 2026-02-30 over to March; PostgreSQL refuses it). */
export function validDate(text: string): boolean {
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHour = '0', offsetMinute = '0'] =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/.exec(text) ?? []
  if (!year) return false
  const [y, m, d] = [Number(year), Number(month), Number(day)]
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
  return (
    y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth &&
    Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 &&
    Number(offsetHour) <= 15 && Number(offsetMinute) <= 59
  )
}

/** Each column's reference, made once: Kysely's nodes are immutable, so every condition can share it. */
const columnRefs = new Map<string, ReturnType<typeof sql.ref>>()
function columnRef(column: string) {
  let ref = columnRefs.get(column)
  if (!ref) columnRefs.set(column, (ref = sql.ref(column)))
  return ref
}

/**
 * Turns one `name[__lookup]=value` query parameter into a bound SQL condition, or an error message
 * in django-filter's words. Columns come from the resource's whitelist; values are always bound.
 */
export function buildCondition(filter: FilterDef, lookup: Lookup, raw: string): FilterCondition | { error: string } {
  if (filter.normalize) raw = filter.normalize(raw)
  const column = filter.column
  const ref = columnRef(column)
  const shape = (variant: string) => `${column} ${lookup} ${variant}`
  switch (filter.type) {
    case 'NumberFilter':
    case 'ModelChoiceFilter': {
      if (filter.decimal) {
        const text = raw.trim()
        if (!DECIMAL.test(text) || lookup === 'in') return { error: 'Enter a number.' }
        return boundCondition(shape('decimal'), [text], (eb) => eb(ref, OPERATORS[lookup as keyof typeof OPERATORS], sql<string>`${text}::numeric`))
      }
      if (lookup === 'in') {
        const values = raw.split(',').map((part) => parseInteger(part))
        if (values.some((value) => value === undefined)) return { error: 'Enter a number.' }
        return boundCondition(shape(`${values.length}`), values, (eb) => eb(ref, 'in', values as number[]))
      }
      const value = parseInteger(raw)
      if (value === undefined)
        return { error: filter.type === 'NumberFilter' ? 'Enter a number.' : 'Select a valid choice. That choice is not one of the available choices.' }
      if (Math.abs(value) > 2147483647) return boundCondition('false', [], () => sql<SqlBool>`false`)
      return boundCondition(shape('integer'), [value], (eb) => eb(ref, OPERATORS[lookup as keyof typeof OPERATORS], value))
    }
    case 'BooleanFilter': {
      const value = parseBoolean(raw)
      if (value === undefined) return { error: 'Select a valid choice. That choice is not one of the available choices.' }
      return boundCondition(shape('boolean'), [value], (eb) => eb(ref, '=', value))
    }
    case 'ChoiceFilter': {
      if (filter.choices && !filter.choices.includes(raw))
        return { error: `Select a valid choice. ${raw} is not one of the available choices.` }
      return boundCondition(shape('text'), [raw], (eb) => eb(ref, '=', raw))
    }
    case 'CharFilter': {
      if (raw.length > 255) return { error: 'Ensure this value has at most 255 characters.' }
      if (lookup === 'icontains') {
        const pattern = `%${raw.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        return boundCondition(shape('pattern'), [pattern], (eb) => eb(ref, 'ilike', pattern))
      }
      return boundCondition(shape('text'), [raw], (eb) => eb(ref, '=', raw))
    }
    case 'DateFilter': {
      const text = raw.trim()
      if (!(DATE_ONLY.test(text) || DATE_TIME.test(text)) || !validDate(text)) return { error: 'Enter a valid date.' }
      if (lookup === 'date' || (lookup === 'exact' && DATE_ONLY.test(text))) {
        // A UTC day as a half-open range, so the btree index on the column serves it.
        const day = text.slice(0, 10)
        return boundCondition(shape('day'), [day, day], (eb) =>
          eb.and([
            eb(ref, '>=', sql<string>`${day}::date::timestamptz`),
            eb(ref, '<', sql<string>`(${day}::date + 1)::timestamptz`),
          ]),
        )
      }
      const moment = DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text
      return boundCondition(shape('moment'), [moment], (eb) => eb(ref, OPERATORS[lookup as keyof typeof OPERATORS], sql<string>`${moment}::timestamptz`))
    }
  }
}
