import { ForbiddenError } from './errors'
import { canonicalOrigin } from './request-context'

/**
 * Cookie-authenticated writes must prove they come from our own pages (issue 9 #4): a page on another
 * origin (another port of the same host included, which is "same-site") can make a browser send the
 * console's cookie with a `text/plain` or form-encoded POST. Browsers send `Origin` on every
 * cross-origin request and on same-origin POST/PUT/PATCH/DELETE; `Sec-Fetch-Site` is the fallback.
 * Token-authenticated calls carry no ambient credential and are not checked.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin')
  if (origin && origin !== 'null') {
    if (trustedOrigins(request).has(origin.toLowerCase())) return
    throw new ForbiddenError(`CSRF Failed: Origin checking failed - ${origin} does not match any trusted origins.`)
  }
  const site = request.headers.get('sec-fetch-site')
  if (site === 'same-origin') return
  throw new ForbiddenError(
    origin === 'null' ? 'CSRF Failed: Origin checking failed - null does not match any trusted origins.' : 'CSRF Failed: Origin header missing.',
  )
}

/** The origin the client addressed (Host, either scheme) and PUBLIC_URL's. */
function trustedOrigins(request: Request): Set<string> {
  const origins = new Set<string>()
  const host = request.headers.get('host')?.toLowerCase()
  if (host) {
    origins.add(`http://${host}`)
    origins.add(`https://${host}`)
  }
  const configured = process.env.PUBLIC_URL
  // Not a URL (or one with no origin): ignored.
  const origin = configured ? canonicalOrigin(configured) : ''
  if (origin) origins.add(origin.toLowerCase())
  return origins
}
