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

/** The request's own URL as the client addressed it (Next's `request.url` names its listener, e.g. localhost). */
export function publicUrl(requestUrl: string): URL {
  const url = new URL(requestUrl)
  const origin = publicOrigin()
  if (origin) {
    const base = new URL(origin)
    url.protocol = base.protocol
    url.host = base.host
  }
  return url
}
