import type { Transaction } from 'kysely'
import type { Database } from '@/db/types'
import type { Principal } from '@/lib/auth/principal'

/**
 * Who moved the money and through what door: OM payments show it as createdVia/createdBy, the ledger
 * and the audit log keep it too. An OM api-key has no user; a console user or API token has one.
 */
export interface Actor {
  via: 'api' | 'console' | 'storefront' | 'system'
  by: string
  userId: number | null
}

export function actorOf(principal: Principal): Actor {
  return { via: principal.via, by: principal.email, userId: principal.userId }
}

export const SYSTEM_ACTOR: Actor = { via: 'system', by: 'system', userId: null }

/** One audit entry (the audit log's own columns; the storefront door is recorded as `api`). */
export async function auditEntry(
  trx: Transaction<Database>,
  actor: Actor,
  entry: { action: 'create' | 'update' | 'delete'; resource: string; recordId: number; label: string; channelId: number | null; changes: Record<string, { before: unknown; after: unknown }> },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      user_id: actor.userId,
      actor: actor.by.slice(0, 254),
      via: actor.via === 'storefront' ? 'api' : actor.via,
      action: entry.action,
      resource: entry.resource,
      record_id: entry.recordId,
      record_label: entry.label.slice(0, 255),
      channel_id: entry.channelId,
      changes: JSON.stringify(entry.changes),
    })
    .execute()
}

/** Before/after pairs of the fields a change touched. */
export function changed(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {}
  for (const [key, value] of Object.entries(after)) {
    const previous = before ? (before[key] ?? null) : null
    if (JSON.stringify(previous) !== JSON.stringify(value ?? null)) changes[key] = { before: previous, after: value ?? null }
  }
  return changes
}
