/**
 * Databases the tests make for themselves: a fresh PostgreSQL database on the test server (dropped
 * afterwards), or a fresh PGlite folder (removed afterwards). The shared servers (test/setup/server.ts),
 * a test file's own server (test/helpers/shop.ts) and the fault tests all start from here.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ADMIN_URL, adminQuery, queryRows } from '../../db/test-engines'

export { ADMIN_URL, adminQuery, queryRows }

/** The URL of database `name` on the test server, or reached through a proxy listening on `port`. */
export function databaseUrl(name: string, port?: number): string {
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  if (port) {
    url.hostname = '127.0.0.1'
    url.port = String(port)
  }
  return url.toString()
}

export interface FreshDatabase {
  /** What a server's environment needs to use it: DATABASE_URL, or PGLITE_DIR. */
  env: { DATABASE_URL?: string; PGLITE_DIR?: string }
  /** The PostgreSQL URL ('' on PGlite). */
  databaseUrl: string
  drop: () => Promise<void>
}

/** A new, empty database of the engine, named after `prefix`, this process and the time. */
export async function freshDatabase(engine: string, prefix: string): Promise<FreshDatabase> {
  if (engine === 'postgres') {
    const name = `${prefix}_${process.pid}_${Date.now()}`
    await adminQuery(`create database ${name}`)
    const url = databaseUrl(name)
    return { env: { DATABASE_URL: url }, databaseUrl: url, drop: async () => void (await adminQuery(`drop database if exists ${name} with (force)`)) }
  }
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix.replace(/_/g, '-')}-`))
  return { env: { PGLITE_DIR: path.join(dir, 'db') }, databaseUrl: '', drop: async () => rmSync(dir, { recursive: true, force: true }) }
}
