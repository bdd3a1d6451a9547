/**
 * Starts the built app on the production server (scripts/server.ts: Next's custom server with the
 * route table's fast path) in its own process group and waits until it answers; used by the
 * integration-test setup and the benchmark. Stopping ends the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/** How every production server is started: lib/ runs through tsx, `server-only` resolves as inside Next. */
export const SERVER_COMMAND = [process.execPath, '--import', 'tsx', '--import', path.join(root, 'scripts', 'server-only-hook.ts'), path.join(root, 'scripts', 'server.ts')]

export interface AppServer {
  child: ChildProcess
  baseUrl: string
  output: () => string
  stop: (graceMs?: number) => Promise<void>
}

export async function startAppServer(port: number, env: NodeJS.ProcessEnv, timeoutMs = 120_000, extraNodeArgs: string[] = []): Promise<AppServer> {
  let output = ''
  const [node, ...args] = SERVER_COMMAND
  const child = spawn(node, [...extraNodeArgs, ...args], {
    cwd: root,
    // Always the production build (vitest's own NODE_ENV is `test`, which would start a dev server).
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
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
