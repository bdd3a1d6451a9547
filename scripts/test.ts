/**
 * `npm test`: one production build, then the unit and integration tests on PGlite and on PostgreSQL
 * (vitest), then the console end-to-end in Chromium (Playwright). Exits non-zero if any part fails.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n▶ ${label}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env })
  return result.status === 0
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const engines = ['pglite']
if (await postgresAnswers(testDatabaseUrl)) engines.push('postgres')
else console.warn(`PostgreSQL at ${testDatabaseUrl} does not answer: integration tests run on PGlite only.`)

const env: NodeJS.ProcessEnv = { ...process.env, TEST_ENGINES: engines.join(','), TEST_DATABASE_URL: testDatabaseUrl, NEXT_TELEMETRY_DISABLED: '1' }
delete env.DATABASE_URL

const results: [string, boolean][] = []
if (!process.env.SKIP_BUILD) {
  const built = run('next build', bin('next'), ['build'], env)
  if (!built) process.exit(1)
}
results.push(['unit + integration (vitest)', run(`vitest on ${engines.join(' and ')}`, bin('vitest'), ['run'], env)])
if (!process.env.SKIP_E2E) results.push(['e2e (playwright)', run('playwright in Chromium', bin('playwright'), ['test'], env)])

console.log('\nSummary')
for (const [label, ok] of results) console.log(`  ${ok ? '✓' : '✗'} ${label}`)
process.exit(results.every(([, ok]) => ok) ? 0 : 1)
