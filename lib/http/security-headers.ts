/**
 * Headers every answer carries (issue 9 #9), on both doors: console pages get them from next.config.ts
 * (CONSOLE_SECURITY_HEADERS), API areas from their area (lib/http/area.ts `finish`), since next.config
 * headers do not run on the fast path.
 */

/** JSON answers: nothing in them may run, load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

/**
 * Console and storefront pages: Next's hydration needs inline scripts (no nonce without forcing every
 * page dynamic), logos may be https URLs an admin entered. `frame-ancestors 'none'` stops framing.
 * `form-action` is left open: the 3-D Secure step posts to the bank's page.
 */
export function pageContentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export const HSTS = 'max-age=31536000; includeSubDomains'

/** The headers shared by pages and API answers (CSP aside). */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
}

/**
 * Served over HTTPS: a TLS proxy in front says so in `X-Forwarded-Proto` (HSTS sent over plain HTTP is
 * ignored by browsers, RFC 6797 §8.1, so the header needs no trust), or PUBLIC_URL is https.
 */
export function servedOverHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return forwarded === 'https' || request.url.startsWith('https:') || (process.env.PUBLIC_URL ?? '').startsWith('https:')
}

// The two sets of each policy, made once (every API answer asks): read-only, never changed by callers.
const headerSets = new Map<string, { http: Record<string, string>; https: Record<string, string> }>()

export function securityHeaders(request: Request, contentSecurityPolicy = API_CONTENT_SECURITY_POLICY): Readonly<Record<string, string>> {
  let sets = headerSets.get(contentSecurityPolicy)
  if (!sets) {
    const http = { ...COMMON_SECURITY_HEADERS, 'content-security-policy': contentSecurityPolicy }
    sets = { http, https: { ...http, 'strict-transport-security': HSTS } }
    headerSets.set(contentSecurityPolicy, sets)
  }
  return servedOverHttps(request) ? sets.https : sets.http
}

/** Sets each header the answer does not set itself (a media file keeps its own sandboxing CSP). */
export function applyHeaders(target: Headers, headers: Readonly<Record<string, string>>): void {
  for (const name in headers) if (!target.has(name)) target.set(name, headers[name])
}
