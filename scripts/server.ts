/**
 * The production server (`npm start`, the integration tests, Playwright and the bench run this):
 * Next's documented custom server, with the route table's fast path in front of it. A request whose
 * path is in the route table (lib/http/routes.ts) is answered by its area straight from node:http;
 * every other request (console pages, server actions, assets) goes to Next, in the same process, so
 * the database handle and the token cache (both on globalThis) are shared by both doors.
 * Run as `node --import tsx --import ./scripts/server-only-hook.ts scripts/server.ts` (SERVER_COMMAND in
 * scripts/app-server.ts). docs/decisions/011-api-fast-path.md says why and what it measured.
 *
 * WEB_CONCURRENCY=N (PostgreSQL only) forks N workers with node:cluster sharing the port;
 * docs/decisions/012-processes.md says what the measurements chose as the default.
 */
import cluster from 'node:cluster'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import path from 'node:path'
import next from 'next'

const root = path.resolve(import.meta.dirname, '..')
const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME_BIND || undefined
const dev = process.env.NODE_ENV !== 'production'
// One process owns an embedded PGlite folder: workers only on PostgreSQL.
const workers = process.env.DATABASE_URL ? Math.max(1, Number(process.env.WEB_CONCURRENCY || 1)) : 1

if (workers > 1 && cluster.isPrimary) {
  // Migrations and the first seed once, before the workers start (each worker's Next runs them again: a no-op).
  const { createDb } = await import('../db/connection')
  const { prepareDatabase } = await import('../db/bootstrap')
  const db = await createDb(process.env)
  await prepareDatabase(db)
  await db.destroy()
  let stopping = false
  for (let index = 0; index < workers; index += 1) cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`)
    cluster.fork()
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
      setTimeout(() => process.exit(0), 5000).unref()
      cluster.on('exit', () => {
        if (!Object.keys(cluster.workers ?? {}).length) process.exit(0)
      })
    })
} else {
  // Migrations and the first seed before the port opens: Next's prepare() starts instrumentation.ts but
  // does not wait for it, and the fast path does not go through Next. instrumentation.ts then finds
  // this promise (same process, globalThis) instead of running them a second time.
  const { getDb } = await import('../db/connection')
  const { prepareDatabase } = await import('../db/bootstrap')
  // (A cluster worker's primary did it already.)
  const prepared = ((globalThis as { __pmDatabasePrepared?: Promise<void> }).__pmDatabasePrepared = cluster.isWorker
    ? Promise.resolve()
    : getDb().then((db) => prepareDatabase(db)))
  await prepared
  if (!dev) useBuiltConfig()
  const app = next({ dev, dir: root, port, hostname })
  const handle = app.getRequestHandler()
  await app.prepare()
  const { serveFromTable } = await import('../lib/http/node')
  const { answerMalformedPath } = await import('../lib/http/malformed-path')
  const { matchRoute } = await import('../lib/http/routes')
  const { pageOutageIsRecent, RETRY_AFTER_SECONDS } = await import('../lib/console/unavailable')
  const { stampPeerAddress, stampsItself } = await import('../lib/auth/peer-address')
  // A console page that failed because the database is away is an outage, not a crash: 503 with
  // Retry-After, as the API areas answer (issue 9 #10). Node writes implicit headers through writeHead.
  const answerPageOutagesAs503 = (res: ServerResponse) => {
    const writeHead = res.writeHead
    res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
      if (statusCode === 500 && pageOutageIsRecent()) {
        statusCode = 503
        this.statusCode = 503
        this.setHeader('retry-after', String(RETRY_AFTER_SECONDS))
      }
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest)
    } as ServerResponse['writeHead']
  }
  // API_FAST_PATH=0: every request through Next (the route files reach the same table), to compare doors.
  const fastPath = process.env.API_FAST_PATH !== '0'
  const server = createServer((req, res) => {
    if (fastPath && serveFromTable(req, res)) return
    stampPeerAddress(req)
    if (answerMalformedPath(req, res, matchRoute)) return
    answerPageOutagesAs503(res)
    handle(req, res).catch((error: unknown) => {
      console.error('Next request failed:', error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
  stampsItself(server)
  // Longer than a load balancer's idle timeout, so it closes idle connections first.
  server.keepAliveTimeout = 65_000
  server.listen(port, hostname, () => {
    if (cluster.isPrimary) console.log(`> Ready on http://${hostname ?? 'localhost'}:${port} (${dev ? 'development' : 'production'}, route table on the fast path)`)
  })
  const stop = () => {
    server.close()
    server.closeIdleConnections()
    import('../db/connection').then(({ closeDb }) => closeDb()).finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/**
 * A built server takes the config the build serialized (what Next's own standalone server does), instead
 * of compiling next.config.ts at every start: that loaded SWC, a native compiler of 25 MB that stayed
 * resident in a server that never compiles anything.
 */
function useBuiltConfig() {
  const manifest = path.join(root, '.next', 'required-server-files.json')
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG || !existsSync(manifest)) return
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(manifest, 'utf8')).config)
}
