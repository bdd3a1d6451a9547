/**
 * `npm start`: build once if there is no production build, then serve. Migrations and the first seed
 * run inside the server at start (instrumentation.ts), so the embedded database has one owner.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

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
const server = spawn(nextBin, ['start', '-p', port], { cwd: root, stdio: 'inherit', env: process.env })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
