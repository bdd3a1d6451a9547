import 'server-only'
import type { Kysely } from 'kysely'
import { getDb } from '@/db'
import type { Database } from '@/db/types'
import {
  CSRF_COOKIE, CSRF_FAILED, SESSION_COOKIE, csrfCookieHeader, csrfMatches, newCsrfToken, requestCookies,
  sealShopperSession, sessionCookieHeader, unsealShopperSession, type ShopperSession,
} from '@/lib/auth/shopper-session'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/http/errors'
import { withRequestContext } from '@/lib/http/request-context'
import { appendHeader, errorResponse, setHeader } from '@/lib/http/respond'
import { storefrontChannelId } from './channel'
import { pickLanguage, type Language } from './language'

/**
 * The storefront API area, declared once: who the caller is (the `osessionid` shopper session), the
 * CSRF double submit on every state-changing method, and DRF-shaped errors. Handlers are plain
 * functions `(request, context)`, so moving them onto lib/http's route table is one line per route.
 */
export interface StorefrontContext {
  params: Record<string, string>
  db: Kysely<Database>
  channelId: number
  language: Language
  session: ShopperSession
  /** The signed-in shopper (always set in handlers declared with `shopper: true`). */
  shopper: { id: number } | null
  /** Replace the session (sign-in, sign-out, a new anonymous basket): sealed into the answer's cookie. */
  setSession(session: ShopperSession): void
}

export type StorefrontHandler = (request: Request, context: StorefrontContext) => Promise<Response>

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// An empty session holds nothing, so one sealed copy (its whole cookie) serves every new visitor for an
// hour rather than sealing on each first answer (the card lists are a shop's hottest endpoints).
let emptySession: { cookie: string; at: number } | undefined
async function emptySessionCookie(): Promise<string> {
  if (!emptySession || Date.now() - emptySession.at > 3_600_000)
    emptySession = { cookie: sessionCookieHeader(await sealShopperSession({})), at: Date.now() }
  return emptySession.cookie
}

export function storefrontHandler(handler: StorefrontHandler, options: { shopper?: boolean } = {}) {
  return async (request: Request, route?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const cookies = requestCookies(request)
    let response: Response
    let replaced: ShopperSession | undefined
    try {
      if (!SAFE_METHODS.has(request.method) && !csrfMatches(cookies[CSRF_COOKIE], request.headers.get('x-csrftoken')))
        throw new ForbiddenError(CSRF_FAILED)
      const session = await unsealShopperSession(cookies[SESSION_COOKIE])
      if (options.shopper && !session.shopperId) throw new UnauthenticatedError()
      const db = await getDb()
      const context: StorefrontContext = {
        params: (await route?.params) ?? {},
        db,
        channelId: await storefrontChannelId(db),
        language: pickLanguage(request.headers.get('accept-language')),
        session,
        shopper: session.shopperId ? { id: session.shopperId } : null,
        setSession: (next) => {
          replaced = next
        },
      }
      response = await withRequestContext(request, () => handler(request, context))
    } catch (error) {
      response = errorResponse(error)
      // Session auth has no WWW-Authenticate challenge (DRF answers the same way).
      response.headers.delete('www-authenticate')
    }
    // Personal answers (and any that set cookies) are never cached by a shared cache.
    // (Through setHeader/appendHeader: a JSON answer's headers stay a record the fast path writes in one go.)
    setHeader(response, 'cache-control', 'private, no-store')
    appendHeader(response, 'vary', 'Cookie')
    if (replaced) appendHeader(response, 'set-cookie', sessionCookieHeader(await sealShopperSession(replaced)))
    else if (!cookies[SESSION_COOKIE]) appendHeader(response, 'set-cookie', await emptySessionCookie())
    if (!cookies[CSRF_COOKIE]) appendHeader(response, 'set-cookie', csrfCookieHeader(newCsrfToken()))
    return response
  }
}

/** Path ids: anything but a positive int4 is simply not found. */
export function pathId(raw: string | undefined): number {
  if (!raw || !/^\d{1,10}$/.test(raw)) throw new NotFoundError()
  const id = Number(raw)
  if (id < 1 || id > 2147483647) throw new NotFoundError()
  return id
}
