import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A path with a malformed %-escape (`/x/%ff`, `/x/%c0%ae`) names nothing: 400 before it reaches Next
 * (whose param decoding would throw and answer 500). Table paths are left to their area (on either
 * door): the table's matcher keeps such a segment as sent and the handler finds nothing (404).
 * `npm start` answers it in scripts/server.ts; `next dev` in proxy.ts (and, for API paths, the route it
 * rewrites them to), with the same answer.
 */
export const MALFORMED_PATH_ANSWER = {
  status: 400,
  body: 'Bad request: malformed %-escape in the path.',
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  },
}

/** True when the (raw) path has a %-escape that does not decode. */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes('%')) return false
  try {
    decodeURIComponent(pathname)
    return false
  } catch {
    return true
  }
}

/** The request header in which proxy.ts hands an API path with a malformed escape to its route (`next dev`). */
export const MALFORMED_PATH_HEADER = 'x-pm-malformed-path'
/** Where proxy.ts sends it: app/api/v1/malformed-path/route.ts (lib/http/malformed-table-path.ts). */
export const MALFORMED_PATH_ROUTE = '/api/v1/malformed-path'

export function answerMalformedPath(req: IncomingMessage, res: ServerResponse, isTablePath: (pathname: string) => unknown): boolean {
  const raw = req.url ?? '/'
  const query = raw.indexOf('?')
  const pathname = query < 0 ? raw : raw.slice(0, query)
  if (!isMalformedPath(pathname) || isTablePath(pathname)) return false
  res.statusCode = MALFORMED_PATH_ANSWER.status
  for (const [name, value] of Object.entries(MALFORMED_PATH_ANSWER.headers)) res.setHeader(name, value)
  res.end(MALFORMED_PATH_ANSWER.body)
  return true
}
