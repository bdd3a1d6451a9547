import { randomBytes, timingSafeEqual } from 'node:crypto'
import { sealData, unsealData } from 'iron-session'
import { appSecret } from './secret'
import { storefrontSettings, xCookieEnabled } from '@/lib/storefront/settings'

/**
 * The shopper's session: a sealed, httpOnly `osessionid` cookie (iron-session's sealing, no server-side
 * store, so any app server reads it) and Django's double-submit `csrftoken` cookie, which a browser
 * script reads and repeats in `X-CSRFToken` on every state-changing request.
 */
export const SESSION_COOKIE = 'osessionid'
export const CSRF_COOKIE = 'csrftoken'
export const CSRF_FAILED = 'CSRF Failed: CSRF token missing or incorrect.'

export interface ShopperSession {
  /** Set once signed in. */
  shopperId?: number
  /** An anonymous visitor's basket (a signed-in shopper's is found by shopper). */
  basketId?: number
}

export function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {}
  if (!header) return cookies
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index < 1) continue
    const name = part.slice(0, index).trim()
    if (!(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        cookies[name] = part.slice(index + 1).trim()
      }
    }
  }
  return cookies
}

/** The cookies of a storefront request: `X-Cookie` when ENABLE_X_COOKIE_HEADER is on and it is sent. */
export function requestCookies(request: Request): Record<string, string> {
  const xCookie = xCookieEnabled() ? request.headers.get('x-cookie') : null
  return parseCookies(xCookie ?? request.headers.get('cookie'))
}

function password(secret = appSecret()) {
  return { 1: `shopper-session:${secret}` }
}

/**
 * Sessions this process unsealed lately, by their sealed text. Unsealing derives two keys (PBKDF2), checks
 * an HMAC and decrypts: a sixth of a storefront basket lookup's server time under load. A seal is
 * immutable and stateless (nothing on the server revokes it), so under the same secret the same text
 * always unseals to the same data until it expires: an entry is kept at most a minute, never past the
 * seal's own expiry, and only for the secret it was opened with. Failures are not kept (garbage sent by a
 * client must not fill the map).
 */
const unsealed = new Map<string, { data: ShopperSession; until: number; secret: string }>()
const UNSEALED_LIMIT = 10_000
const UNSEALED_MS = 60_000

/** The expiry iron writes into a seal (`Fe26.2*id*salt*iv*data*expiry*hmacSalt*hmac`), in ms; null when it has none. */
function sealExpiry(sealed: string): number | null {
  const expiry = Number(sealed.split('*')[5])
  return Number.isFinite(expiry) && expiry > 0 ? expiry : null
}

export async function unsealShopperSession(sealed: string | undefined): Promise<ShopperSession> {
  if (!sealed) return {}
  const now = Date.now()
  const secret = appSecret()
  const kept = unsealed.get(sealed)
  // (Under the secret it was opened with: a seal of another secret opens nothing, kept or not.)
  if (kept && kept.until > now && kept.secret === secret) return { ...kept.data }
  if (kept) unsealed.delete(sealed)
  try {
    const data = await unsealData<ShopperSession>(sealed, { password: password(secret), ttl: storefrontSettings.sessionTtlSeconds() })
    const session = typeof data === 'object' && data !== null ? data : {}
    const expiry = sealExpiry(sealed)
    if (expiry !== null) {
      if (unsealed.size >= UNSEALED_LIMIT) unsealed.delete(unsealed.keys().next().value!)
      unsealed.set(sealed, { data: { ...session }, until: Math.min(now + UNSEALED_MS, expiry), secret })
    }
    return session
  } catch {
    return {}
  }
}

export async function sealShopperSession(session: ShopperSession): Promise<string> {
  return sealData(session, { password: password(), ttl: storefrontSettings.sessionTtlSeconds() })
}

/**
 * Random bytes for CSRF tokens, drawn from the system's generator a few kilobytes at a time: one call per
 * token was a twentieth of a cookie-less card lookup's server time. Each token is its own 24 bytes, never
 * handed out twice.
 */
const TOKEN_BYTES = 24
let tokenPool = Buffer.alloc(0)
let tokenPoolAt = 0

export function newCsrfToken(): string {
  if (tokenPoolAt + TOKEN_BYTES > tokenPool.length) {
    tokenPool = randomBytes(TOKEN_BYTES * 256)
    tokenPoolAt = 0
  }
  const token = tokenPool.toString('base64url', tokenPoolAt, tokenPoolAt + TOKEN_BYTES)
  tokenPoolAt += TOKEN_BYTES
  return token
}

/** Double submit: the header equals the cookie (compared in constant time). */
export function csrfMatches(cookie: string | undefined, header: string | null): boolean {
  if (!cookie || !header || cookie.length < 16) return false
  const a = Buffer.from(cookie)
  const b = Buffer.from(header)
  return a.length === b.length && timingSafeEqual(a, b)
}

function secureCookies(): boolean {
  return process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1'
}

export function sessionCookieHeader(sealed: string | null): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secureCookies() ? ['Secure'] : [])]
  if (sealed === null) return [`${SESSION_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ')
  return [`${SESSION_COOKIE}=${sealed}`, `Max-Age=${storefrontSettings.sessionTtlSeconds()}`, ...attributes].join('; ')
}

/** Readable by the page's script (that is the point of a double-submit cookie), a year as Django's. */
export function csrfCookieHeader(token: string): string {
  return [`${CSRF_COOKIE}=${token}`, 'Path=/', `Max-Age=${365 * 24 * 3600}`, 'SameSite=Lax', ...(secureCookies() ? ['Secure'] : [])].join('; ')
}
