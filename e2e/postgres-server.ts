import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { SERVER_COMMAND, SERVER_ENV } from '../scripts/app-server'

/**
 * The checkout spec's second engine: a fresh PostgreSQL database (made by the `postgres-setup` project,
 * dropped by `postgres-teardown`) and a production server on it whose stdout and stderr go to a log file
 * the teardown reads. playwright.config.ts names the database, the port and the folder, once, in env.
 */
export const E2E_TOKEN_FOR_SERVER = 'pm_e2e_token_0123456789abcdef'

export function postgresRun() {
  const database = process.env.E2E_PG_DATABASE
  const dir = process.env.E2E_PG_STATE_DIR
  const admin = process.env.E2E_PG_ADMIN_URL
  if (!database || !dir || !admin) throw new Error('playwright.config.ts did not set E2E_PG_DATABASE, E2E_PG_STATE_DIR and E2E_PG_ADMIN_URL')
  const url = new URL(admin)
  url.pathname = `/${database}`
  return { database, admin, url: url.toString(), log: path.join(dir, 'server.log'), pidFile: path.join(dir, 'server.pid'), dump: path.join(dir, 'dump.sql') }
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresRun().admin, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function createDatabase(): Promise<void> {
  const { database } = postgresRun()
  await withAdmin((client) => client.query(`CREATE DATABASE ${quoted(database)}`))
}

/** Drops only the database this run created (its name is unique to the run). */
export async function dropDatabase(): Promise<void> {
  const { database } = postgresRun()
  if (!/^pm_e2e_/.test(database)) throw new Error(`Refusing to drop ${database}: not an e2e database`)
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`))
}

export async function startServer(port: number): Promise<void> {
  const run = postgresRun()
  const log = openSync(run.log, 'a')
  const [node, ...args] = SERVER_COMMAND
  // Its own process group, so the teardown ends the server and anything it started.
  const child = spawn(node, args, {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...SERVER_ENV, ...process.env, PORT: String(port), DATABASE_URL: run.url, PGLITE_DIR: '', SEED_API_TOKEN: E2E_TOKEN_FOR_SERVER, NODE_ENV: 'production', OTP_RESEND_COOLDOWN_SECONDS: '5' },
    detached: true,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  child.unref()
  writeFileSync(run.pidFile, String(child.pid))
  const deadline = Date.now() + 150_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The PostgreSQL e2e server exited (${child.exitCode}):\n${readFileSync(run.log, 'utf8').slice(-4000)}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/login`)).status < 500) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The PostgreSQL e2e server did not start:\n${readFileSync(run.log, 'utf8').slice(-4000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

export async function stopServer(): Promise<void> {
  const { pidFile } = postgresRun()
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8'))
  const alive = () => {
    try {
      process.kill(-pid, 0)
      return true
    } catch {
      return false
    }
  }
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {
    return
  }
  const deadline = Date.now() + 8000
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  if (alive()) process.kill(-pid, 'SIGKILL')
}

/** pg_dump from PATH, or the newest under /usr/lib/postgresql (Debian keeps it there). */
function pgDumpBinary(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'pg_dump'))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  return versions.length ? path.join(root, versions[0], 'bin', 'pg_dump') : 'pg_dump'
}

/** The whole database as SQL (schema and data), written next to the log for a person to read too. */
export function dumpDatabase(): string {
  const run = postgresRun()
  const result = spawnSync(pgDumpBinary(), ['--no-owner', '--no-privileges', '--dbname', run.url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`pg_dump failed (${result.error?.message ?? result.status}): ${result.stderr}`)
  writeFileSync(run.dump, result.stdout)
  return result.stdout
}
