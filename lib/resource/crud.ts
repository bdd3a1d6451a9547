import 'server-only'
import { sql, type Transaction } from 'kysely'
import { readRows } from '@/db/connection'
import type { Database } from '@/db/types'
import { recordAudit } from '@/lib/audit/record'
import { assertCanWrite, type Principal } from '@/lib/auth/principal'
import {
  AppError,
  InvalidError,
  NotFoundError,
  ServiceError,
  UniqueError,
  pgErrorCode,
  type FieldErrors,
} from '@/lib/http/errors'
import type { ColumnValues, Db, DbRow, Resource, WriteContext } from './define'
import { columnOf, depthError, dict, fieldErrorsOf, pythonType } from './fields'
import { anyTable, asRow } from './table'
import { assertChoicesExist, pageLinks, parseListQuery, runList, withVirtualFields } from './list'
import type { FilterCondition } from './filters'
import { serialize } from './serialize'
import { shownValue } from '@/lib/http/shown-value'
import { publicOrigin } from '@/lib/http/request-context'

export type WriteMode = 'create' | 'put' | 'patch'

export function uniqueSetMessage(set: string[]): string {
  return `The fields ${set.join(', ')} must make a unique set.`
}

/** Validates input with the resource's zod schema; returns column values of the fields sent. */
export function parseInput(resource: Resource, input: unknown, mode: WriteMode): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new InvalidError({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonType(input)}.`] })
  // Keys are data, never the object's own machinery: `constructor` is an unknown field and `__proto__`
  // cannot lend its contents to the fields (both are answered "Unknown field.").
  const body = dict<unknown>()
  const isField = (name: string) => Object.hasOwn(resource.fields, name)
  for (const [sent, value] of Object.entries(input)) {
    // Input keys are the lowercase field names; the spec's own examples capitalise some ("PK", "Slug",
    // "Config"), so a key that differs from a field only in case is read as that field unless both are sent.
    const lower = sent.toLowerCase()
    const key = isField(sent) || !isField(lower) || Object.hasOwn(input, lower) ? sent : lower
    // Read-only fields (pk, gateway_display, timestamps…) may be echoed back by clients; they are ignored.
    if (isField(key) && resource.fields[key].readOnly) continue
    body[key] = value
  }
  // Before any parser walks the values recursively (JSON.stringify, zod): a hostile body could overflow the stack.
  const tooDeep = Object.entries(body).filter(([, value]) => depthError(value))
  if (tooDeep.length) throw new InvalidError(dict(tooDeep.map(([key, value]) => [key, [depthError(value)!]])))
  const schema = mode === 'patch' ? resource.patchSchema : resource.createSchema
  const result = schema.safeParse(body)
  if (!result.success) throw new InvalidError(fieldErrorsOf(result.error.issues))
  const values: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(result.data as Record<string, unknown>)) {
    if (value === undefined) continue
    values[columnOf(name, resource.fields[name])] = value
  }
  if (mode === 'create') {
    for (const name of resource.writableFields) {
      const field = resource.fields[name]
      const column = columnOf(name, field)
      if (!(column in values) && field.defaultValue !== undefined)
        values[column] = typeof field.defaultValue === 'function' ? field.defaultValue() : structuredClone(field.defaultValue)
      else if (!(column in values) && field.nullable) values[column] = null
    }
  }
  return values
}

/** `select * from <table> where id = $1`, compiled once per table (the hottest read of every detail GET). */
const byIdSql = new Map<string, string>()

// findRow, getRecordRow and getRecord are promise chains, not async functions: a detail GET is this one
// read, and each async step would add promises for the process's async hooks.
function findRow(db: Db, resource: Resource, id: number, lock = false): Promise<DbRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) return Promise.resolve(undefined)
  const select = () => withVirtualFields(anyTable(db).selectFrom(resource.table).selectAll(), resource)
  if (lock) return select().where('id', '=', id).forUpdate().executeTakeFirst().then(asRow)
  let sql = byIdSql.get(resource.table)
  if (sql === undefined) byIdSql.set(resource.table, (sql = select().where('id', '=', 0).compile().sql))
  return readRows<Record<string, unknown>>(db, { sql, parameters: [id] }, { prepared: true }).then((rows) => asRow(rows[0]))
}

async function channelName(db: Db, id: unknown): Promise<string> {
  if (typeof id !== 'number') return ''
  const row = await db.selectFrom('channels').select('name').where('id', '=', id).executeTakeFirst()
  return row?.name ?? String(id)
}

/** The values as the table takes them: JSON serialized, virtual fields (kept elsewhere by `afterWrite`) left out. */
function toJsonColumns(resource: Resource, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values }
  for (const [name, field] of Object.entries(resource.fields)) {
    const column = columnOf(name, field)
    if (field.virtual) delete out[column]
    else if (field.kind === 'json' && column in out && out[column] !== null) out[column] = JSON.stringify(out[column])
  }
  return out
}

/** The row a write returned (`returning *`), with the virtual fields the resource reads with every row: read again by id. */
async function withVirtualFieldsOf(db: Db, resource: Resource, row: DbRow): Promise<DbRow> {
  return resource.readWith ? ((await findRow(db, resource, row.id as number)) ?? row) : row
}

/** Existence of references, channel rules, custom rules and unique sets: everything the database would refuse less kindly. */
async function checkWrite(resource: Resource, context: WriteContext): Promise<void> {
  const { db, values, changes, existing } = context
  const errors: FieldErrors = {}
  const referenced: Record<string, DbRow> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.kind !== 'fk' || !field.references) continue
    const column = columnOf(name, field)
    const id = values[column]
    if (id === null || id === undefined) continue
    const row = asRow(await anyTable(db).selectFrom(field.references.table).selectAll().where('id', '=', id).executeTakeFirst())
    if (!row) errors[name] = [`Invalid pk "${shownValue(id)}" - object does not exist.`]
    else referenced[name] = row
  }
  if (Object.keys(errors).length) throw new InvalidError(errors)

  if (existing && resource.channelChange && 'channel_id' in changes && changes.channel_id !== existing.channel_id) {
    const name = await channelName(db, existing.channel_id)
    throw new ServiceError(resource.channelChange.code, resource.channelChange.message(name, existing), 'channel')
  }

  if (resource.sameChannel) {
    for (const field of resource.sameChannel.fields) {
      const row = referenced[field]
      if (row && 'channel_id' in row && row.channel_id !== values.channel_id) {
        const name = await channelName(db, values.channel_id)
        const message = await resource.sameChannel.message({ db, values, channelName: name, field, referenced: row })
        throw new ServiceError(resource.sameChannel.code, message, field)
      }
    }
  }

  if (resource.validate) await resource.validate(context)

  const violated: string[] = []
  for (const set of resource.uniqueSets) {
    const columns = set.map((name) => columnOf(name, resource.fields[name]))
    if (existing && !columns.some((column) => column in changes)) continue
    if (columns.some((column) => values[column] === null || values[column] === undefined)) continue
    let query = anyTable(db).selectFrom(resource.table).select('id')
    for (const column of columns) query = query.where(sql.ref(column), '=', values[column])
    if (existing) query = query.where('id', '<>', existing.id)
    if (await query.executeTakeFirst()) violated.push(uniqueSetMessage(set))
  }
  if (violated.length) throw new UniqueError(violated)
}

/** A constraint the checks above could not see (a concurrent write) still answers in the spec's words. */
function mapDatabaseError(resource: Resource, error: unknown): never {
  const { code, constraint } = pgErrorCode(error)
  if (code === '23505') {
    const set = resource.uniqueSets.find(
      (candidate) => constraint === `${resource.table}_${candidate.join('_')}_uniq`,
    )
    throw new UniqueError([set ? uniqueSetMessage(set) : 'A record with these values already exists.'])
  }
  if (code === '23503') throw new InvalidError({ non_field_errors: ['A referenced record does not exist.'] })
  if (code === '22001' || code === '22003' || code === '23514' || code === '22P02' || code === '22P05' || code === '22021')
    throw new InvalidError({ non_field_errors: ['A value is out of range for its field.'] })
  throw error
}

function auditView(resource: Resource, row: DbRow | undefined): Record<string, unknown> | null {
  if (!row) return null
  const view = serialize(resource, row)
  return resource.redact ? resource.redact(view) : view
}

/** The one audit entry of a write: who, what, and the before/after as the API shows them (secrets masked). */
function audit(trx: Trx, resource: Resource, principal: Principal, action: 'create' | 'update' | 'delete', before: DbRow | null, after: DbRow | null) {
  const row = (after ?? before)!
  return recordAudit(trx, {
    principal,
    action,
    resource: resource.name,
    recordId: row.id,
    recordLabel: resource.label(row),
    channelId: (row.channel_id as number | undefined) ?? null,
    before: before && auditView(resource, before),
    after: after && auditView(resource, after),
  })
}

type Trx = Transaction<Database>

/** `GET /<resource>/`: one page with DRF's count and links. Reads only: any handle will do. */
export async function listRecords(
  db: Db,
  resource: Resource,
  params: URLSearchParams,
  options: { requestUrl?: string; scope?: FilterCondition[] } = {},
) {
  const query = parseListQuery(resource, params)
  const { rows, count, kept } = await runList(db, resource, query, options.scope)
  if (count === 0) await assertChoicesExist(db, resource, query)
  if (query.page > 1 && rows.length === 0) throw new NotFoundError('Invalid page.')
  return {
    count,
    ...pageLinks(options.requestUrl, query.page, query.limit, count),
    results: kept ? serializedPage(resource, rows) : rows.map((row) => serialize(resource, row)),
  }
}

/**
 * A kept page's rows serialized (runList keeps first pages of counted lists whole): the same rows under
 * the same public origin (a logo's URL is built from it) serialize to the same objects, which every answer
 * built from them shares and none changes. They go when the page's rows go.
 */
const serializedPages = new WeakMap<readonly DbRow[], Map<string, Record<string, unknown>[]>>()

function serializedPage(resource: Resource, rows: readonly DbRow[]): Record<string, unknown>[] {
  let byOrigin = serializedPages.get(rows)
  if (!byOrigin) serializedPages.set(rows, (byOrigin = new Map()))
  const origin = publicOrigin()
  let results = byOrigin.get(origin)
  if (!results) {
    // (Host is the client's: a few origins per page at most.)
    if (byOrigin.size >= 4) byOrigin.clear()
    byOrigin.set(origin, (results = rows.map((row) => serialize(resource, row))))
  }
  return results
}

export function getRecordRow(db: Db, resource: Resource, id: number): Promise<DbRow> {
  return findRow(db, resource, id).then((row) => {
    if (!row) throw new NotFoundError()
    return row
  })
}

export function getRecord(db: Db, resource: Resource, id: number) {
  return getRecordRow(db, resource, id).then((row) => serialize(resource, row))
}

/**
 * The write both creates and updates run: every check, the resource's `toStored`, the row (`store`), its
 * `afterWrite` rows and the audit entry; a constraint the checks could not see answers in the spec's words.
 */
async function save(trx: Trx, resource: Resource, principal: Principal, context: WriteContext, before: DbRow | null, store: (columns: ColumnValues) => Promise<DbRow>) {
  try {
    await checkWrite(resource, context)
    const stored = resource.toStored ? await resource.toStored(context.changes, context) : context.changes
    const written = await store(toJsonColumns(resource, stored))
    if (resource.afterWrite) await resource.afterWrite(context, written)
    const row = await withVirtualFieldsOf(trx, resource, written)
    await audit(trx, resource, principal, before ? 'update' : 'create', before, row)
    return serialize(resource, row)
  } catch (error) {
    if (error instanceof AppError) throw error
    mapDatabaseError(resource, error)
  }
}

/**
 * Creates a record inside the caller's transaction (validation, channel rules, unique sets, the row,
 * its `afterWrite` rows and the audit entry), so a caller can join it with writes of its own.
 */
export async function createRecord(trx: Trx, resource: Resource, input: unknown, principal: Principal) {
  assertCanWrite(principal)
  const changes = parseInput(resource, input, 'create')
  const context: WriteContext = { db: trx, values: changes, changes, existing: undefined }
  return save(trx, resource, principal, context, null, async (columns) =>
    asRow(await anyTable(trx).insertInto(resource.table).values(columns).returningAll().executeTakeFirstOrThrow()),
  )
}

/** PUT (every writable field) or PATCH (the fields sent) inside the caller's transaction, under a row lock. */
export async function updateRecord(trx: Trx, resource: Resource, id: number, input: unknown, mode: 'put' | 'patch', principal: Principal) {
  assertCanWrite(principal)
  // A missing record answers 404 before its input is judged, as DRF's get_object() does.
  if (!(await findRow(trx, resource, id))) throw new NotFoundError()
  const changes = parseInput(resource, input, mode)
  const existing = await findRow(trx, resource, id, true)
  if (!existing) throw new NotFoundError()
  const current = resource.fromStored ? resource.fromStored(existing) : existing
  const context: WriteContext = { db: trx, values: { ...current, ...changes }, changes, existing: current }
  // (The locked row was read with its virtual fields.)
  const before = existing
  return save(trx, resource, principal, context, before, async (columns) =>
    asRow(
      await anyTable(trx)
        .updateTable(resource.table)
        .set({ ...columns, modified_date: sql`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    ),
  )
}

function referencingTable(error: unknown): string {
  const detail = (error as { detail?: string })?.detail ?? ''
  return /from table "([^"]+)"/.exec(detail)?.[1]?.replace(/_/g, ' ') ?? 'other records'
}

/** DELETE inside the caller's transaction; a `deactivate` resource (bank accounts) is only switched off. */
export async function deleteRecord(trx: Trx, resource: Resource, id: number, principal: Principal): Promise<void> {
  assertCanWrite(principal)
  const existing = await findRow(trx, resource, id, true)
  if (!existing) throw new NotFoundError()
  const before = existing
  if (resource.deleteMode === 'deactivate') {
    const updated = asRow(await anyTable(trx)
      .updateTable(resource.table)
      .set({ is_active: false, modified_date: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow())
    const row = await withVirtualFieldsOf(trx, resource, updated)
    await audit(trx, resource, principal, 'update', before, row)
    return
  }
  try {
    await anyTable(trx).deleteFrom(resource.table).where('id', '=', id).execute()
  } catch (error) {
    // 23503 for NO ACTION foreign keys, 23001 for RESTRICT ones: either way the record is still in use.
    // The row read under the lock above names it (the transaction cannot be read from after the error).
    const { code } = pgErrorCode(error)
    if (code === '23503' || code === '23001')
      throw new ServiceError(
        `${resource.model.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_protected`,
        `${resource.model}: ${String(existing.name ?? resource.label(existing))} cannot be deleted while ${referencingTable(error)} use it.`,
      )
    throw error
  }
  await audit(trx, resource, principal, 'delete', before, null)
}
