import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The request being answered, for the few values that must be absolute URLs built from it (DRF's
 * `request.build_absolute_uri`, e.g. uploaded logos) without passing the request through every service.
 */
const storage = new AsyncLocalStorage<{ origin: string }>()

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i

/** As DRF's `build_absolute_uri`: the Host the client used (Next's `request.url` names its own listener). */
function originOf(request: Request): string {
  const host = request.headers.get('host') ?? ''
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (HOST.test(host)) {
    // (The scheme of an absolute request URL, read without parsing the URL on every request.)
    const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : request.url.startsWith('https:') ? 'https' : 'http'
    return `${protocol}://${host}`
  }
  try {
    return new URL(request.url).origin
  } catch {
    return '' // a relative URL (unit tests)
  }
}

export function withRequestContext<T>(request: Request, run: () => T): T {
  return storage.run({ origin: originOf(request) }, run)
}

/** `PUBLIC_URL` when set (behind a proxy that rewrites Host), else the origin of the current request. */
export function publicOrigin(): string {
  const configured = process.env.PUBLIC_URL?.replace(/\/+$/, '')
  return configured || storage.getStore()?.origin || ''
}

/** Canonical origins (`scheme://host[:port]`, default port dropped) by the text they were given as; bounded, as Host is the client's. */
const canonicalOrigins = new Map<string, string>()

/** An origin as `new URL(origin).origin` gives it, or '' for text that is not one (or names no origin). */
export function canonicalOrigin(origin: string): string {
  let canonical = canonicalOrigins.get(origin)
  if (canonical === undefined) {
    try {
      canonical = new URL(origin).origin
    } catch {
      canonical = ''
    }
    if (canonical === 'null') canonical = ''
    if (canonicalOrigins.size < 100) canonicalOrigins.set(origin, canonical)
  }
  return canonical
}

/**
 * The request's own URL as the client addressed it (Next's `request.url` names its listener, e.g.
 * localhost): its path and query under the public origin, that origin's port included (the request's
 * own port is the listener's, which a proxy in front does not share). Given a URL in its parsed form
 * (a Request's `url`, a URL's `href`), it parses nothing again.
 */
export function publicHref(requestUrl: string): string {
  const origin = publicOrigin()
  const base = origin ? canonicalOrigin(origin) : ''
  if (!base) return requestUrl
  const scheme = requestUrl.indexOf('://')
  const path = scheme < 0 ? -1 : requestUrl.indexOf('/', scheme + 3)
  return path < 0 ? `${base}/` : base + requestUrl.slice(path)
}
