import type { Migration } from 'kysely'
import * as initial from './0001-initial'
import * as binNumberIndexes from './0002-bin-number-indexes'
import * as importJobs from './0002-import-jobs'
import * as rowCounts from './0002-row-counts'

// A static list rather than a folder scan: the Next server bundle has no migrations folder to read.
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-bin-number-indexes': binNumberIndexes,
  '0002-import-jobs': importJobs,
  '0002-row-counts': rowCounts,
}
