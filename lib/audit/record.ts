import type { Transaction } from 'kysely'
import type { Database } from '@/db/types'
import type { Principal } from '@/lib/auth/principal'

export const REDACTED = '••••••'

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Field-by-field before/after of what changed; unchanged fields are left out. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const changes: Record<string, { before: unknown; after: unknown }> = {}
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  for (const key of keys) {
    if (key === 'modified_date' || key === 'created_date') continue
    const from = before?.[key] ?? null
    const to = after?.[key] ?? null
    if (!same(from, to)) changes[key] = { before: from, after: to }
  }
  return changes
}

export async function recordAudit(
  trx: Transaction<Database>,
  entry: {
    principal: Principal | null
    action: 'create' | 'update' | 'delete'
    resource: string
    recordId: number
    recordLabel: string
    channelId: number | null
    before: Record<string, unknown> | null
    after: Record<string, unknown> | null
  },
): Promise<void> {
  const changes = diff(entry.before, entry.after)
  if (entry.action === 'update' && Object.keys(changes).length === 0) return
  await trx
    .insertInto('audit_log')
    .values({
      user_id: entry.principal?.userId ?? null,
      actor: entry.principal?.email ?? 'system',
      via: entry.principal?.via ?? 'system',
      action: entry.action,
      resource: entry.resource,
      record_id: entry.recordId,
      record_label: entry.recordLabel.slice(0, 255),
      channel_id: entry.channelId,
      changes: JSON.stringify(changes),
    })
    .execute()
}
