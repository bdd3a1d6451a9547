import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig, type Project } from '@playwright/test'
import { SERVER_COMMAND, SERVER_ENV } from './scripts/app-server'

// Debian's Chromium (no browser download here); one fresh embedded database per run.
const port = Number(process.env.E2E_PORT ?? 3310)
const pgliteDir = process.env.E2E_PGLITE_DIR ?? path.join(mkdtempSync(path.join(tmpdir(), 'pm-e2e-')), 'db')
process.env.E2E_PGLITE_DIR = pgliteDir

/** Whether PostgreSQL answers (the config is loaded synchronously, so a child process asks). */
function postgresAnswers(url: string): boolean {
  const probe = `const c = new (require('pg').Client)({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 }); c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1))`
  return spawnSync(process.execPath, ['-e', probe, url], { cwd: import.meta.dirname, timeout: 10_000 }).status === 0
}

// The checkout spec runs a second time on a fresh PostgreSQL database (issue 12: "on both engines"),
// decided once in the runner process; workers inherit the decision through the environment. The
// database is made and dropped by the postgres-setup/-teardown projects (e2e/postgres-server.ts).
const pgPort = Number(process.env.E2E_PG_PORT ?? port + 1)
if (process.env.E2E_PG_DATABASE === undefined) {
  const admin = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
  const on = process.env.E2E_POSTGRES !== '0' && postgresAnswers(admin)
  if (!on) console.warn(`PostgreSQL at ${admin} does not answer (or E2E_POSTGRES=0): the checkout spec runs on PGlite only.`)
  process.env.E2E_PG_DATABASE = on ? `pm_e2e_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}` : ''
  process.env.E2E_PG_ADMIN_URL = admin
  process.env.E2E_PG_STATE_DIR = on ? mkdtempSync(path.join(tmpdir(), 'pm-e2e-pg-')) : ''
}
const onPostgres = { baseURL: `http://127.0.0.1:${pgPort}` }
const postgresProjects: Project[] = process.env.E2E_PG_DATABASE
  ? [
      { name: 'postgres-setup', testMatch: /postgres\.setup\.ts$/, teardown: 'postgres-teardown', use: onPostgres },
      { name: 'postgres-teardown', testMatch: /postgres\.teardown\.ts$/, use: onPostgres },
      { name: 'postgres', testMatch: /checkout\.spec\.ts$/, dependencies: ['postgres-setup'], use: onPostgres },
    ]
  : []

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // Every spec on PGlite; only the checkout spec again on PostgreSQL.
  projects: [{ name: 'pglite' }, ...postgresProjects],
  webServer: {
    // The production server (Next's custom server with the API fast path), as `npm start` runs it.
    command: SERVER_COMMAND.map((part) => JSON.stringify(part)).join(' '),
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    // A 5-second OTP resend cooldown: specs that save cards as the same demo shopper need not wait a minute.
    env: { ...SERVER_ENV, PORT: String(port), PGLITE_DIR: pgliteDir, DATABASE_URL: '', SEED_API_TOKEN: 'pm_e2e_token_0123456789abcdef', NODE_ENV: 'production', OTP_RESEND_COOLDOWN_SECONDS: '5' },
  },
})
