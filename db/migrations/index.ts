import type { Migration } from 'kysely'
import * as initial from './0001-initial'
import * as binNumberIndexes from './0002-bin-number-indexes'
import * as importJobs from './0003-import-jobs'
import * as rowCounts from './0004-row-counts'
import * as gatewaySecretsSafeSide from './0006-gateway-secrets-safe-side'
import * as sessionsThrottleLeases from './0007-sessions-throttle-leases'
import * as storefront from './0008-storefront'
import * as ordersAndLedger from './0010-orders-and-ledger'
import * as checkout from './0012-checkout'
import * as rowCountVersions from './0013-row-count-versions'
import * as settingsChanges from './0014-settings-changes'
import * as referenceCounts from './0015-reference-counts'

// A static list rather than a folder scan: the Next server bundle has no migrations folder to read.
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-bin-number-indexes': binNumberIndexes,
  '0003-import-jobs': importJobs,
  '0004-row-counts': rowCounts,
  '0006-gateway-secrets-safe-side': gatewaySecretsSafeSide,
  '0007-sessions-throttle-leases': sessionsThrottleLeases,
  '0008-storefront': storefront,
  '0010-orders-and-ledger': ordersAndLedger,
  '0012-checkout': checkout,
  '0013-row-count-versions': rowCountVersions,
  '0014-settings-changes': settingsChanges,
  '0015-reference-counts': referenceCounts,
}

/**
 * Names these migrations were recorded under before they were numbered in order (three shared `0002`).
 * Kysely refuses a database whose recorded migrations are missing from the list, so `migrateToLatest`
 * renames them in `kysely_migration` first (db/migrate.ts). Never remove an entry: a database last
 * migrated by an old build may start with a new one at any time.
 */
export const renamedMigrations: Record<string, string> = {
  '0002-import-jobs': '0003-import-jobs',
  '0002-row-counts': '0004-row-counts',
}
