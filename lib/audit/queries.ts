import 'server-only'
import { sql } from 'kysely'
import type { Db } from '@/lib/resource/define'
import { firstParam, pageParams, type SearchParamsRecord } from '@/lib/console/params'
import type { ListState } from '@/lib/console/table-spec'
import { parseInteger } from '@/lib/resource/fields'
import { validDate } from '@/lib/resource/filters'
import { findResource } from '@/lib/resource/registry'
import { isoMicro } from '@/lib/resource/serialize'

/** What a merchant calls the audited kind of record ("POS integrations", not "pos"). */
function resourceLabel(resource: string): string {
  return findResource(resource)?.titlePlural ?? (resource === 'api_tokens' ? 'API tokens' : resource.replace(/[_-]/g, ' '))
}

/**
 * Values the server derives or stamps (a resource's read-only fields: pk, dates, gateway_display…):
 * they change with every save and say nothing about the edit.
 */
function editedFields(resource: string, changes: Record<string, unknown>): string {
  const fields = findResource(resource)?.fields
  const derived = (field: string) =>
    fields ? Object.hasOwn(fields, field) && fields[field].readOnly : field === 'pk' || field === 'modified_date' || field === 'created_date'
  return Object.keys(changes ?? {}).filter((field) => !derived(field)).join(', ')
}

const ACTIONS = new Set(['create', 'update', 'delete'])

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The audit log, newest first: filters by resource, user, action, record and day. Filters that do
 * not parse are dropped and reported, never passed to SQL.
 */
export async function listAudit(db: Db, params: SearchParamsRecord): Promise<ListState> {
  const { page, limit } = pageParams(params)
  const ordering = firstParam(params.ordering) === 'at' ? 'at' : ''
  const problems: string[] = []
  let query = db.selectFrom('audit_log').leftJoin('channels', 'channels.id', 'audit_log.channel_id')
  const resource = firstParam(params.resource)
  if (resource) query = query.where('audit_log.resource', '=', resource.slice(0, 32))
  const user = firstParam(params.user)
  if (user) {
    const id = parseInteger(user)
    if (id === undefined || id < 1 || id > 2147483647) problems.push('user: Select a valid choice.')
    else query = query.where('audit_log.user_id', '=', id)
  }
  const action = firstParam(params.action)
  if (action) {
    if (!ACTIONS.has(action)) problems.push(`action: Select a valid choice. ${action} is not one of the available choices.`)
    else query = query.where('audit_log.action', '=', action as 'create')
  }
  const record = firstParam(params.record_id)
  if (record) {
    const id = parseInteger(record)
    if (id === undefined || Math.abs(id) > 2147483647) problems.push('record_id: Enter a number.')
    else query = query.where('audit_log.record_id', '=', id)
  }
  const day = firstParam(params.at__date)
  if (day) {
    if (!DATE_ONLY.test(day) || !validDate(day)) problems.push('at__date: Enter a valid date.')
    else
      query = query
        .where('audit_log.at', '>=', sql<string>`${day}::date::timestamptz`)
        .where('audit_log.at', '<', sql<string>`(${day}::date + 1)::timestamptz`)
  }
  const direction = ordering === 'at' ? 'asc' : 'desc'
  const [rows, total] = await Promise.all([
    query
      .select([
        'audit_log.id as pk',
        'audit_log.at',
        'audit_log.actor',
        'audit_log.via',
        'audit_log.action',
        'audit_log.resource',
        'audit_log.record_id',
        'audit_log.record_label',
        'audit_log.changes',
        'channels.name as channel_name',
      ])
      .orderBy('audit_log.at', direction)
      .orderBy('audit_log.id', direction)
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    query.select(sql<number>`count(*)`.as('count')).executeTakeFirst(),
  ])
  return {
    rows: rows.map((row) => {
      const changes = (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as Record<string, unknown>
      // Bank accounts and BINs have no page of their own (they live on their parent's): no link.
      const page = findResource(row.resource)?.consolePath
      return {
        ...row,
        pk: Number(row.pk),
        at: isoMicro(row.at),
        record: `${row.record_label || '—'} (#${row.record_id})`,
        record_href: row.action !== 'delete' && page ? `${page}/${row.record_id}` : null,
        resource: resourceLabel(row.resource),
        fields: editedFields(row.resource, changes),
        changes,
      }
    }),
    count: Number(total?.count ?? 0),
    page,
    limit,
    ordering,
    ...(problems.length ? { error: `Some filters were ignored. ${problems.join(' ')}` } : {}),
  }
}

/** Filter choices: the resources that have entries, and the users. */
export async function auditFilterOptions(db: Db) {
  const [resources, users] = await Promise.all([
    db.selectFrom('audit_log').select('resource').distinct().orderBy('resource').execute(),
    db.selectFrom('users').select(['id', 'email']).orderBy('email').execute(),
  ])
  return {
    resources: resources.map((row) => ({ value: row.resource, label: resourceLabel(row.resource) })),
    users: users.map((row) => ({ value: String(row.id), label: row.email })),
  }
}
