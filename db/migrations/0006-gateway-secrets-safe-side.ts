import { type Kysely, sql } from 'kysely'
import { REDACTED } from '../../lib/audit/record'
import { maskGatewayConfig, openGatewayConfig, sealGatewayConfig, secretFingerprint } from '../../lib/gateways/registry'

/**
 * Decision 013: everything in a POS config is secret unless its gateway declares it public. Configs
 * written under the old rule (a key-name pattern) may hold secrets in clear — lists under secret keys,
 * numbers, undeclared keys such as `pwd` or `merchant_key` — in `pos` and in the audit log's copies.
 * This seals them in `pos` and masks them (with the fingerprint the app writes) in `audit_log`.
 * Idempotent: sealed values stay sealed, masked values stay masked.
 */
const masked = (value: unknown) => (typeof value === 'string' && value.startsWith(REDACTED) ? value : `${REDACTED} ${secretFingerprint(value)}`)

type Json = Record<string, unknown>
const asObject = (value: unknown): Json | null => {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : null
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: number; gateway: string; config: unknown }>`select id, gateway, config from pos`.execute(db)
  const gateways = new Map<number, string>()
  for (const row of rows.rows) {
    gateways.set(row.id, row.gateway)
    const config = asObject(row.config)
    if (!config) continue
    const sealed = sealGatewayConfig(row.gateway, openGatewayConfig(config))
    await sql`update pos set config = ${JSON.stringify(sealed)}::jsonb where id = ${row.id}`.execute(db)
  }

  const entries = await sql<{ id: number; record_id: number; changes: unknown }>`
    select id, record_id, changes from audit_log where resource = 'pos' and changes ? 'config'`.execute(db)
  for (const entry of entries.rows) {
    const changes = asObject(entry.changes)
    const config = changes && asObject(changes.config)
    if (!changes || !config) continue
    const gatewayChange = asObject(changes.gateway)
    // The gateway the config was written for; a deleted POS of unknown gateway masks every key.
    const gatewayOf = (side: 'before' | 'after') => String(gatewayChange?.[side] ?? gateways.get(entry.record_id) ?? '')
    const next = {
      ...changes,
      config: {
        before: maskGatewayConfig(gatewayOf('before'), asObject(config.before), masked),
        after: maskGatewayConfig(gatewayOf('after'), asObject(config.after), masked),
      },
    }
    await sql`update audit_log set changes = ${JSON.stringify(next)}::jsonb where id = ${entry.id}`.execute(db)
  }
}

/** Nothing to undo: the sealed values open under either rule, and masked audit values were never needed in clear. */
export async function down(): Promise<void> {}
