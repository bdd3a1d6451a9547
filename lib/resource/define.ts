import { z } from 'zod'
import type { Generated, Kysely, RawBuilder, Transaction } from 'kysely'
import type { Database, Row } from '@/db/types'
import { columnOf, type FieldDef, zodField } from './fields'
import type { FilterDef } from './filters'

export type Db = Kysely<Database> | Transaction<Database>

/** Tables a resource can be kept in: an integer id and Omnitron's created/modified dates (derived, not listed). */
export type ResourceTable = {
  [K in keyof Database]: Database[K] extends { id: Generated<number>; created_date: unknown; modified_date: unknown } ? K : never
}[keyof Database]

/**
 * A row as the generic layer handles it, whatever its table: columns by name. A resource's own hooks
 * see their table's row type (`Row<'banks'>` from db/types.ts) instead.
 */
export type DbRow = { id: number; [column: string]: unknown }

/** Column values on their way to a table: validated input, keyed by column. */
export type ColumnValues = Record<string, unknown>

export interface WriteContext<R = DbRow> {
  db: Transaction<Database>
  /** Column values about to be written (for updates: the existing row merged with the change). */
  values: ColumnValues
  /** Only the columns the caller sent. */
  changes: ColumnValues
  existing?: R
}

/**
 * A resource, described once. `T` is its table: the hooks (label, messages, expand…) receive that table's
 * rows as db/types.ts types them. Hooks are declared as methods so a described resource can be handled
 * by the generic layer as a `Resource` of rows by column name.
 */
export interface ResourceDef<T extends ResourceTable = ResourceTable, R extends DbRow = Row<T> & DbRow> {
  /** URL segment under /api/v1 and the audit log's resource name. */
  name: string
  /** Omnitron's model name, used in the spec's error sentences. */
  model: string
  table: T
  title: string
  titlePlural: string
  description: string
  /** API fields in output order. */
  fields: Record<string, FieldDef>
  filters: Record<string, FilterDef>
  /** Unique sets by API field name, in the order the spec reports them. */
  uniqueSets: string[][]
  /** Ordering when the caller gives none, by API field name. */
  defaultOrdering: string[]
  /** The value that names a record to people (error messages, audit log, console). */
  label(row: R): string
  /** 406 code and sentence when an update tries to move a record to another channel. */
  channelChange?: { code: string; message(channelName: string, row: R): string }
  /** References that must belong to the record's own channel, and the 406 raised otherwise. */
  sameChannel?: {
    fields: string[]
    code: string
    message(context: { db: Db; values: ColumnValues; channelName: string; field: string; referenced: DbRow }): Promise<string> | string
  }
  /** Service-layer (406) errors other than channel rules, for the API reference. */
  serviceErrors?: { code: string; description: string }[]
  /** Where a record is edited in the console (`<consolePath>/<id>`); none for records shown on their parent's page. */
  consolePath?: string
  /**
   * Exact row counts per channel are kept in `row_counts` by triggers (a million-row table, see
   * docs/decisions/003-list-counts.md); set only together with the migration that installs them.
   */
  countedRows?: boolean
  /**
   * Reference fields whose exact filter alone (`?card=<id>`) reads its count from `reference_counts`,
   * kept by triggers per value (docs/decisions/033-counts-per-card.md); named only together with the
   * migration that installs them (0015's COUNTED_REFERENCES).
   */
  countedBy?: string[]
  /** Deleting a bank account only deactivates it. */
  deleteMode?: 'delete' | 'deactivate'
  /** Extra rules run inside the write transaction, after field validation. */
  validate?(context: WriteContext<R>): Promise<void>
  /** Converts validated values to stored ones (e.g. encrypting secrets). */
  toStored?(values: ColumnValues, context: WriteContext<R>): ColumnValues | Promise<ColumnValues>
  /** Converts a stored row back for output (e.g. decrypting secrets). */
  fromStored?(row: R): R
  /** Additions to a field's `/schema/` entry (e.g. POS config: the config fields of every gateway). */
  schemaExtras?: () => Record<string, Record<string, unknown>>
  /** Values the audit log must not show (dotted paths of API fields). */
  redact?: (row: Record<string, unknown>) => Record<string, unknown>
  /**
   * Runs inside the write transaction after the row is written (create or update), e.g. to replace the
   * rows of a child table from a virtual field. `context.values` still holds the virtual fields' values.
   */
  afterWrite?(context: WriteContext<R>, row: R): Promise<void>
  /**
   * Virtual fields read with the row: an SQL expression each, over the resource's table (`table` is its
   * name, e.g. a correlated subquery on `${table}.id`). Every read selects them with the row, so a list
   * page or a record by id stays one statement.
   */
  readWith?: Record<string, (table: string) => RawBuilder<unknown>>
}

/** A described resource as the generic layer (services, console, OpenAPI) handles it. */
export interface Resource extends ResourceDef<ResourceTable, DbRow> {
  writableFields: string[]
  /** Records belong to a sales channel (a `channel` field): lists, forms and references are scoped by it. */
  channelScoped: boolean
  /** API field name → column, for every field stored in the table (ordering, unique sets, filters). */
  columns: Record<string, string>
  createSchema: z.ZodObject<Record<string, z.ZodType>, z.core.$strict>
  /** PATCH: every field optional. PUT uses createSchema. */
  patchSchema: z.ZodObject<Record<string, z.ZodType>, z.core.$strict>
}

export function defineResource<T extends ResourceTable>(definition: ResourceDef<T>): Resource {
  const writable = Object.entries(definition.fields).filter(([, field]) => !field.readOnly && field.parse)
  const createShape: Record<string, z.ZodType> = {}
  const updateShape: Record<string, z.ZodType> = {}
  for (const [name, field] of writable) {
    const schema = zodField(field)
    createShape[name] = field.required ? schema : schema.optional()
    updateShape[name] = schema.optional()
  }
  const columns = Object.fromEntries(
    Object.entries(definition.fields)
      .filter(([, field]) => !field.virtual && (field.kind !== 'computed' || field.column))
      .map(([name, field]) => [name, columnOf(name, field)]),
  )
  return {
    ...definition,
    writableFields: writable.map(([name]) => name),
    channelScoped: Object.hasOwn(definition.fields, 'channel'),
    columns,
    createSchema: z.object(createShape).strict(),
    patchSchema: z.object(updateShape).strict(),
  }
}
