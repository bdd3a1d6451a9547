import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

// Debian's Chromium (no browser download here); one fresh embedded database per run.
const port = Number(process.env.E2E_PORT ?? 3310)
const pgliteDir = process.env.E2E_PGLITE_DIR ?? path.join(mkdtempSync(path.join(tmpdir(), 'pm-e2e-')), 'db')
process.env.E2E_PGLITE_DIR = pgliteDir

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
  webServer: {
    // The production server (Next's custom server with the API fast path), as `npm start` runs it.
    command: `node --import tsx --import ./scripts/server-only-hook.ts scripts/server.ts`,
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), PGLITE_DIR: pgliteDir, DATABASE_URL: '', SEED_API_TOKEN: 'pm_e2e_token_0123456789abcdef', NODE_ENV: 'production' },
  },
})
