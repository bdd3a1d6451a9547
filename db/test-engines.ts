/**
 * For service tests that need a real database of their own (unit project): a migrated database on
 * embedded PGlite (a temp folder) and, when it answers, on the PostgreSQL server (a database created for
 * the test and dropped after). Not for the HTTP integration tests, which go through the built app.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createDb } from './connection'
import { migrateToLatest } from './migrate'
import type { Database } from './types'

export const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

export async function postgresReachable(url = ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** The rows of one query on a connection of its own (a database it creates or drops, or one a server under test uses). */
export async function queryRows<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A statement on the test server's admin database (create or drop a database). */
export async function adminQuery(text: string, url = ADMIN_URL): Promise<void> {
  await queryRows(url, text)
}

export interface TestDatabase {
  db: Kysely<Database>
  /** The PostgreSQL URL of the database, or null on PGlite. */
  url: string | null
  close: () => Promise<void>
}

export type TestEngine = { name: 'pglite' | 'postgres'; available: boolean; open: (label: string) => Promise<TestDatabase> }

export async function testEngines(): Promise<TestEngine[]> {
  const pgUp = await postgresReachable()
  return [
    {
      name: 'pglite',
      available: true,
      open: async (label) => {
        const dir = mkdtempSync(path.join(tmpdir(), `pm-${label}-`))
        const db = await createDb({ NODE_ENV: 'test', PGLITE_DIR: path.join(dir, 'db') })
        await migrateToLatest(db)
        return { db, url: null, close: async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }) } }
      },
    },
    {
      name: 'postgres',
      available: pgUp,
      open: async (label) => {
        const name = `pm_unit_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`
        await adminQuery(`create database ${name}`)
        const url = new URL(ADMIN_URL)
        url.pathname = `/${name}`
        const db = await createDb({ NODE_ENV: 'test', DATABASE_URL: url.toString() })
        await migrateToLatest(db)
        return {
          db,
          url: url.toString(),
          close: async () => {
            await db.destroy()
            await adminQuery(`drop database if exists ${name} with (force)`)
          },
        }
      },
    },
  ]
}
