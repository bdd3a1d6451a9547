/**
 * Starts the built app on the production server (scripts/server.ts: Next's custom server with the
 * route table's fast path) in its own process group and waits until it answers; used by the
 * integration-test setup and the benchmark. Stopping ends the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/**
 * V8's old generation grows to 1.4 × what a full collection left live, not V8's default of up to 4 ×.
 * Under 32 concurrent storefront or console-page requests, each request's objects outlive two scavenges
 * and are promoted; with the default the old generation grew from ~100 to ~350 MB of mostly garbage
 * before a full collection, so RSS swung between ~200 and ~550 MB over a bench run. At 1.4 × it stayed
 * between 208 and 274 MB (docs/decisions/028-…).
 *
 * No allocation-site pretenuring: after one 1,000,000-BIN import (its rows live across scavenges, so V8
 * pretenures the allocation sites it shares with the API), the server kept ~1.6 MB of young objects alive
 * per scavenge instead of ~0.3 MB, collected the old generation every second and answered the ledger lists
 * with twice the p99, for the rest of its life. With this flag the same import leaves it as a fresh server
 * (docs/decisions/037-…).
 */
export const SERVER_V8_FLAGS = ['--heap-growing-percent=40', '--no-allocation-site-pretenuring']

/** How every production server is started: lib/ runs through tsx, `server-only` resolves as inside Next. */
export const SERVER_COMMAND = [process.execPath, ...SERVER_V8_FLAGS, '--import', 'tsx', '--import', path.join(root, 'scripts', 'server-only-hook.ts'), path.join(root, 'scripts', 'server.ts')]

/**
 * What every production server's environment adds to the caller's (which may override it).
 * MALLOC_MMAP_THRESHOLD_: glibc serves each allocation of 128 kB or more with a mapping of its own, which
 * it gives back when freed; by default it raises that threshold to the largest such block freed so far (up
 * to 32 MB), so after the first scrypt derivation (16 MB, in a libuv thread: seeding users, every sign-in)
 * blocks that size came from the threads' heaps and stayed resident. Fixed at 128 kB, a fresh server's RSS
 * went from 295 to 213 MB and a 1,000,000-BIN import's peak from 308 to 237 MB (docs/decisions/027-…).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' }

export interface AppServer {
  child: ChildProcess
  baseUrl: string
  output: () => string
  stop: (graceMs?: number) => Promise<void>
}

export async function startAppServer(port: number, env: NodeJS.ProcessEnv, timeoutMs = 120_000, extraNodeArgs: string[] = []): Promise<AppServer> {
  let output = ''
  const [node, ...args] = SERVER_COMMAND
  // The caller's flags after the defaults (SERVER_V8_FLAGS lead `args`), so that they can override them.
  const flags = SERVER_V8_FLAGS.length
  const child = spawn(node, [...args.slice(0, flags), ...extraNodeArgs, ...args.slice(flags)], {
    cwd: root,
    // Always the production build (vitest's own NODE_ENV is `test`, which would start a dev server).
    env: { ...SERVER_ENV, ...env, PORT: String(port), NODE_ENV: 'production' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      if ((await fetch(`${baseUrl}/login`)).status < 500) break
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  return {
    child,
    baseUrl,
    output: () => output,
    stop: async (graceMs = 500) => {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // already gone
      }
      const deadline = Date.now() + Math.max(graceMs, 5000)
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // ended
      }
    },
  }
}
