import type { IncomingMessage, ServerResponse } from 'node:http'
import { peerStampedHeaders } from '@/lib/auth/peer-address'
import { runRoute } from './area'
import { bodilessRequest } from './node-request'
import { rawHeaders, textOf, type TextResponse } from './respond'
import { matchRoute } from './routes'

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i

/**
 * The fast path: answers a route-table path straight from node:http, through the same `runRoute` and
 * handlers the Next route files call, without Next's request pipeline (3–5× the cost of an API call,
 * docs/decisions/011-api-fast-path.md). Returns false, without touching the request, for any other
 * path: the caller hands it to Next.
 */
export function serveFromTable(req: IncomingMessage, res: ServerResponse): boolean {
  const raw = req.url ?? '/'
  const query = raw.indexOf('?')
  const match = matchRoute(query < 0 ? raw : raw.slice(0, query))
  if (!match) return false
  answer(req, res, raw, match).catch((error) => {
    console.error('Fast path failure:', error instanceof Error ? error.stack : error)
    if (!res.headersSent) {
      res.statusCode = 500
      res.setHeader('content-type', 'application/json')
      res.end('{"detail":"A server error occurred."}')
    } else res.destroy()
  })
  return true
}

async function answer(req: IncomingMessage, res: ServerResponse, raw: string, match: NonNullable<ReturnType<typeof matchRoute>>) {
  // The request's headers as the client sent them, but the peer address the socket gives (what a client
  // sends under that name is dropped: the sign-in throttle counts by it). Read from the raw list: node's
  // parsed `headers` object is never made for a fast-path request.
  const rawHeaders = peerStampedHeaders(req.rawHeaders, req.socket?.remoteAddress)
  const given = hostOf(req.rawHeaders)
  const host = given && HOST.test(given) ? given : 'localhost'
  const url = new URL(raw.startsWith('/') ? raw : `/${raw}`, `http://${host}`)
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const request = hasBody ? requestWithBody(req, url, method, rawHeaders) : bodilessRequest(method, url.href, rawHeaders)
  const response = await runRoute(request, url, match)
  await write(res, response, method === 'HEAD')
  // A body the handler did not read (a refused upload) is dropped as it arrives, never held.
  if (hasBody && !req.readableEnded) req.resume()
}

function hostOf(rawHeaders: string[]): string | undefined {
  for (let index = 0; index < rawHeaders.length; index += 2) if (rawHeaders[index].length === 4 && rawHeaders[index].toLowerCase() === 'host') return rawHeaders[index + 1]
  return undefined
}

function requestWithBody(req: IncomingMessage, url: URL, method: string, rawHeaders: string[]): Request {
  const headers = new Headers()
  for (let index = 0; index < rawHeaders.length; index += 2) headers.append(rawHeaders[index], rawHeaders[index + 1])
  return new Request(url, {
    method,
    headers,
    body: requestBody(req),
    // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; the DOM types lack it.
    duplex: 'half',
  })
}

/**
 * The request body as a web stream that reads only when pulled (Readable.toWeb would keep pulling
 * into its queue), so a handler that stops reading at a cap stops the reading, and a body nobody
 * reads is dropped by `req.resume()` instead of piling up.
 */
function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve, reject) => {
          const cleanup = () => {
            req.off('readable', attempt)
            req.off('end', ended)
            req.off('error', failed)
          }
          const ended = () => {
            cleanup()
            controller.close()
            resolve()
          }
          const failed = (error: Error) => {
            cleanup()
            reject(error)
          }
          function attempt() {
            const chunk = req.read() as Buffer | null
            if (chunk !== null) {
              cleanup()
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
              resolve()
            } else if (req.readableEnded) ended()
          }
          req.on('readable', attempt)
          req.on('end', ended)
          req.on('error', failed)
          attempt()
        })
      },
      cancel() {
        req.resume()
      },
    },
    { highWaterMark: 0 },
  )
}

async function write(res: ServerResponse, response: Response, head: boolean) {
  const text = textOf(response)
  const fields = text === undefined ? undefined : (response as TextResponse).headerFields()
  if (fields) {
    // A JSON answer whose headers are still a record: status, headers and body in one writeHead and end.
    // Encoded once: Buffer.byteLength and then end(text) walked a long answer twice (a storefront card list
    // with Turkish labels is a two-byte string of tens of kB).
    const body = typeof text === 'string' ? Buffer.from(text) : text!
    const raw = rawHeaders(fields)
    raw.push('content-length', String(body.byteLength))
    res.writeHead(response.status, raw)
    res.end(head ? undefined : body)
    return
  }
  res.statusCode = response.status
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value)
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  if (text !== undefined) {
    res.setHeader('content-length', typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength)
    res.end(head ? undefined : text)
    return
  }
  if (!response.body || head) {
    response.body?.cancel().catch(() => {})
    res.end()
    return
  }
  // Streamed answers (the BIN import writes its answer while it reads the upload): keep backpressure,
  // and stop producing when the client goes away.
  const reader = response.body.getReader()
  const gone = () => reader.cancel().catch(() => {})
  res.once('close', gone)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve))
      if (res.destroyed) break
    }
    res.end()
  } catch (error) {
    console.error('Streamed answer failed:', error instanceof Error ? error.message : error)
    res.destroy()
  } finally {
    res.off('close', gone)
  }
}
