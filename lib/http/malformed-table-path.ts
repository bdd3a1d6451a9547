import { runRoute } from './area'
import { MALFORMED_PATH_ANSWER, MALFORMED_PATH_HEADER, isMalformedPath } from './malformed-path'
import { matchRoute } from './routes'

/**
 * The Next door's answer to a path with a malformed %-escape under an API area's prefix (`next dev`,
 * API_FAST_PATH=0). proxy.ts rewrites such a request to app/api/v1/malformed-path with the path as sent
 * in a header, since Next would fail decoding it; here the table answers it exactly as on the fast path:
 * its route (the segment kept as sent, so 404 after auth) or, when no row matches, the plain 400.
 */
export async function answerMalformedTablePath(request: Request): Promise<Response> {
  const sent = request.headers.get(MALFORMED_PATH_HEADER)
  const query = sent?.indexOf('?') ?? -1
  const pathname = sent && query >= 0 ? sent.slice(0, query) : sent
  // Only what the proxy sends (a malformed path); a direct call to this path names nothing.
  if (!sent || !pathname?.startsWith('/') || !isMalformedPath(pathname)) return new Response(null, { status: 404 })
  const match = matchRoute(pathname)
  if (!match) return new Response(MALFORMED_PATH_ANSWER.body, { status: MALFORMED_PATH_ANSWER.status, headers: MALFORMED_PATH_ANSWER.headers })
  const url = new URL(sent, request.url)
  const headers = new Headers(request.headers)
  headers.delete(MALFORMED_PATH_HEADER)
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; the DOM types lack it.
  const original = new Request(url, { method: request.method, headers, body: hasBody ? request.body : null, duplex: 'half' })
  return runRoute(original, url, match)
}
