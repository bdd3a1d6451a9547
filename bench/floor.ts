/**
 * The bench's floor: a bare node:http + pg server answering the bench endpoints with the plainest SQL
 * (bench/endpoints.ts), on the same database, at the same auth cost the app pays per request (the app
 * caches token lookups, so a constant-token check is fair), in as many processes as the app
 * (WEB_CONCURRENCY, node:cluster). What the app's API could at best be on this machine.
 * Started by bench/run.ts: `tsx bench/floor.ts` with DATABASE_URL, PORT, BENCH_TOKEN.
 */
import cluster from 'node:cluster'
import { createServer } from 'node:http'
import pg from 'pg'
import { poolSize } from '../db/pool-size'
import { ENDPOINTS } from './endpoints'

const port = Number(process.env.PORT)
const token = `Token ${process.env.BENCH_TOKEN}`
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY || 1))

if (workers > 1 && cluster.isPrimary) {
  for (let index = 0; index < workers; index += 1) cluster.fork()
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    process.exit(0)
  })
} else {
  // The app's pool settings: same size, UTC, timestamps and numerics as text.
  const identity = (value: string) => value
  const db = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: poolSize(),
    options: '-c TimeZone=UTC',
    types: { getTypeParser: ((oid: number, format?: string) => ([1184, 1114, 1082, 1700].includes(oid) ? identity : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  })
  const floors = ENDPOINTS.flatMap((endpoint) => (endpoint.floor ? [endpoint.floor] : []))
  // A query still queued for a pool connection when its client has gone (autocannon gave up after its
  // 10 s timeout, or the window ended) is dropped: where the floor's plain SQL takes seconds (deep pages,
  // count(*) of a million rows) the backlog of abandoned requests otherwise grew without end and starved
  // every endpoint measured after it (0 req/s). It changes nothing for a request whose client waits.
  const forRequest = (res: import('node:http').ServerResponse) =>
    new Proxy(db, {
      get(target, property) {
        if (property !== 'query') return Reflect.get(target, property)
        return async (text: string, values?: unknown[]) => {
          const client = await target.connect()
          try {
            if (res.destroyed || res.writableEnded) throw new Error('client gone')
            return await client.query(text, values)
          } finally {
            client.release()
          }
        }
      },
    })
  const send = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }
  createServer((req, res) => {
    if (req.headers.authorization !== token) return send(res, 401, { detail: 'Authentication credentials were not provided.' })
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
    for (const floor of floors) {
      const match = floor.match.exec(path)
      if (!match) continue
      floor.answer(forRequest(res), url, match, req.headers).then(
        (answer) => send(res, answer.status ?? 200, answer.body),
        (error) => send(res, 500, { detail: String(error) }),
      )
      return
    }
    send(res, 404, { detail: 'Not found.' })
  }).listen(port)
  process.on('SIGTERM', () => process.exit(0))
}
