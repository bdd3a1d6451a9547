import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A path with a malformed %-escape (`/x/%ff`, `/x/%c0%ae`) names nothing: 400 before it reaches Next
 * (whose param decoding would throw and answer 500). Table paths are left to their area (on either
 * door): the table's matcher keeps such a segment as sent and the handler finds nothing (404).
 */
export function answerMalformedPath(req: IncomingMessage, res: ServerResponse, isTablePath: (pathname: string) => unknown): boolean {
  const raw = req.url ?? '/'
  const query = raw.indexOf('?')
  const pathname = query < 0 ? raw : raw.slice(0, query)
  if (!pathname.includes('%') || isTablePath(pathname)) return false
  try {
    decodeURIComponent(pathname)
    return false
  } catch {
    res.statusCode = 400
    res.setHeader('content-type', 'text/plain; charset=utf-8')
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    res.end('Bad request: malformed %-escape in the path.')
    return true
  }
}
