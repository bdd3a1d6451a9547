import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A path with a malformed %-escape (`/x/%ff`, `/x/%c0%ae`) names nothing: 400 before it reaches Next
 * (whose param decoding would throw and answer 500). Table paths are left to their area (on either
 * door): the table's matcher keeps such a segment as sent and the handler finds nothing (404).
 * `npm start` answers it in scripts/server.ts; `next dev` in proxy.ts, with the same answer.
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

/**
 * The path with each segment that does not decode escaped as data, so that Next's param decoding gives
 * the segment as sent (`%ff`), as the route table's matcher keeps it. Escaped twice (`%ff` → `%2525ff`):
 * Next decodes a rewritten path once when it routes it and the param once more (`%25ff` still threw).
 */
export function escapeMalformedSegments(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (isMalformedPath(segment) ? segment.replaceAll('%', '%2525') : segment))
    .join('/')
}

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
