/**
 * Starts the built app (`next start`) in its own process group and waits until it answers; used by the
 * integration-test setup and the benchmark. Stopping ends the whole group (killing only a wrapper
 * would leave next-server running).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

export interface AppServer {
  child: ChildProcess
  baseUrl: string
  output: () => string
  stop: (graceMs?: number) => Promise<void>
}

export async function startAppServer(port: number, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<AppServer> {
  let output = ''
  const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(port)], {
    cwd: root,
    env,
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
      await new Promise((resolve) => setTimeout(resolve, graceMs))
    },
  }
}
