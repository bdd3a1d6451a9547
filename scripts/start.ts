/**
 * `npm start`: build once if there is no production build, then serve with scripts/server.ts (Next's
 * custom server with the route table's fast path), supervised: if the server dies (a crash, kill -9,
 * out of memory) it is started again, with a growing pause if it keeps dying at once. SIGINT/SIGTERM
 * stop it for good. Migrations and the first seed run inside the server at start (instrumentation.ts),
 * so the embedded database has one owner.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { SERVER_COMMAND, SERVER_ENV } from './app-server'

const root = path.resolve(import.meta.dirname, '..')
const nextBin = path.join(root, 'node_modules', '.bin', 'next')

if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.FORCE_BUILD === '1') {
  console.log('No production build yet: running next build (a minute or two, once)…')
  const build = spawnSync(nextBin, ['build'], { cwd: root, stdio: 'inherit', env: process.env })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const port = process.env.PORT || '3000'
const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${process.env.PGLITE_DIR || '.data/pglite'}`
console.log(`Payment console on http://localhost:${port} — database: ${database}`)

const env = { ...SERVER_ENV, ...process.env, PORT: port, NODE_ENV: 'production' as const }
let server: ChildProcess | undefined
let stopping = false
let quickFailures = 0

function run() {
  const started = Date.now()
  const [node, ...args] = SERVER_COMMAND
  server = spawn(node, args, { cwd: root, stdio: 'inherit', env })
  server.on('exit', (code, signal) => {
    if (stopping) process.exit(code ?? 0)
    // Up for a minute: a fresh failure. Dying at once again and again (a port in use, a bad config): give up.
    quickFailures = Date.now() - started > 60_000 ? 1 : quickFailures + 1
    if (quickFailures > 5) {
      console.error(`The server exited ${quickFailures} times in a row right after starting; giving up.`)
      process.exit(code || 1)
    }
    const pause = Math.min(500 * 2 ** (quickFailures - 1), 10_000)
    console.error(`The server exited (${signal ?? `code ${code}`}); starting it again in ${pause} ms.`)
    setTimeout(run, pause)
  })
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopping = true
    if (server && server.exitCode === null && server.signalCode === null) server.kill(signal)
    else process.exit(0)
  })

run()
