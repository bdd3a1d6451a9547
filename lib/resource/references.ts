import { sql } from 'kysely'
import type { Db, Resource } from './define'
import { columnOf } from './fields'
import { boundCondition, type FilterCondition } from './filters'
import { channelTables } from './registry'
import { anyTable } from './table'

/** A choice of a reference select: the record's id and the text that names it. */
export type ReferenceOption = { value: string; label: string }

/** Scoping to one sales channel, for resources that have one (the console shows one channel at a time). */
export function channelScope(resource: Resource, channelId: number | undefined): FilterCondition[] {
  if (!resource.channelScoped || channelId === undefined) return []
  return [boundCondition('channel_id exact integer', [channelId], (eb) => eb('channel_id', '=', channelId))]
}

export async function channelName(db: Db, id: unknown): Promise<string | undefined> {
  if (typeof id !== 'number') return undefined
  const row = await db.selectFrom('channels').select('name').where('id', '=', id).executeTakeFirst()
  return row?.name
}

/** Adds `<field>__display` (e.g. the bank's name) beside every reference, one query per referenced table. */
export async function resolveReferences(db: Db, resource: Resource, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const references = Object.entries(resource.fields).filter(([, field]) => field.kind === 'fk' && field.references)
  if (!references.length || !rows.length) return rows
  const out = rows.map((row) => ({ ...row }))
  for (const [name, field] of references) {
    const ids = [...new Set(rows.map((row) => row[name]).filter((id): id is number => typeof id === 'number'))]
    if (!ids.length) continue
    const { table, display } = field.references!
    const found = await anyTable(db).selectFrom(table).select(['id', sql.ref(display).as('display')]).where('id', 'in', ids).execute()
    const names = new Map(found.map((entry) => [entry.id, String(entry.display)]))
    for (const row of out) if (typeof row[name] === 'number') row[`${name}__display`] = names.get(row[name] as number) ?? `#${row[name]}`
  }
  return out
}

/** Choices for the reference selects of a form: the records of the given channel, by their display field. */
export async function referenceOptions(db: Db, resource: Resource, channelId: number | undefined): Promise<Record<string, ReferenceOption[]>> {
  const options: Record<string, ReferenceOption[]> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.kind !== 'fk' || !field.references || field.readOnly || name === 'channel') continue
    const { table, display } = field.references
    const rows = await anyTable(db)
      .selectFrom(table)
      .select(['id', sql.ref(display).as('display')])
      .$if(channelId !== undefined && channelTables().has(table), (query) => query.where('channel_id', '=', channelId))
      .orderBy(sql.ref(display))
      .limit(1000)
      .execute()
    options[name] = rows.map((row) => ({ value: String(row.id), label: String(row.display) }))
  }
  return options
}

/** The sort value that puts a new child last among its siblings (a bank's next account goes to the end). */
export async function nextSortValue(db: Db, resource: Resource, sortField: string, parent: { field: string; id: number }): Promise<number> {
  const sortColumn = columnOf(sortField, resource.fields[sortField])
  const parentColumn = columnOf(parent.field, resource.fields[parent.field])
  const row = await anyTable(db)
    .selectFrom(resource.table)
    .select(sql<number | null>`max(${sql.ref(sortColumn)})`.as('highest'))
    .where(sql.ref(parentColumn), '=', parent.id)
    .executeTakeFirst()
  return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest) + 1
}
