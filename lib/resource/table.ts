import type { Kysely } from 'kysely'
import type { ColumnValues, Db, DbRow } from './define'

/**
 * The generic layer's view of the database: the table a resource names at run time, with columns by
 * name. Kysely types each table statically; a resource's table and columns come from its description
 * (a whitelist) instead, so this is the one place where the static types are set aside. Resource code
 * (hooks, queries of its own) keeps the real types of db/types.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns by name, values checked by the fields' parsers
export type AnyDatabase = Record<string, Record<string, any>>

export function anyTable(db: Db): Kysely<AnyDatabase> {
  return db as unknown as Kysely<AnyDatabase>
}

export type { ColumnValues, DbRow }

/** A row read through `anyTable`: every resource table has an integer `id`. */
export function asRow(row: Record<string, unknown>): DbRow
export function asRow(row: Record<string, unknown> | undefined): DbRow | undefined
export function asRow(row: Record<string, unknown> | undefined): DbRow | undefined {
  return row as DbRow | undefined
}
