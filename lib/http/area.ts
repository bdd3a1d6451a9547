/**
 * API areas and routes: what every machine-facing API shares.
 *
 * An AREA says once, for all its routes, how callers authenticate, how errors are rendered, how large a
 * body may be, whether cookie-authenticated writes must prove same origin, and which headers every
 * answer carries. A ROUTE is {area, method, path pattern, handler}; all routes live in one table
 * (lib/http/routes.ts). Two doors reach the same table and run the same pipeline (`runRoute` below):
 *   - Next: the thin files under `app/**\/route.ts` (`nextRoute('/api/v1/banks/')`), used by `next dev`;
 *   - the fast path: `scripts/server.ts` (`npm start`, the tests, the bench) answers table paths from
 *     node:http before Next's request pipeline (lib/http/node.ts), and hands every other path to Next.
 * Handlers and services never know which door, or which area, called them. `next.config` headers and
 * `proxy.ts` do not run on the fast path: whatever every answer needs belongs to the area.
 *
 * Adding an area: `defineArea({...})` in `lib/http/areas/<area>.ts`, routes with `route(area, ...)` in
 * a module of the area, and one line in ROUTE_GROUPS (lib/http/routes.ts). A route file under `app/`
 * (so `next dev` and the Next door find the path) is `export const { GET, … } = nextRoute('<pattern>')`.
 */
import { cappedStream, isFormBody } from './body'
import { TextResponse } from './respond'
import { MethodNotAllowedError, PayloadTooLargeError } from './errors'
import { withRequestContext } from './request-context'
import { applyHeaders, securityHeaders } from './security-headers'
import { assertSameOrigin } from './same-origin'

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'
export const METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Who the area's auth found, and whether an ambient credential (a cookie) proved it. */
export interface Authenticated<P> {
  principal: P
  /** True when a cookie authenticated the call: its writes must then prove same origin. */
  viaCookie: boolean
}

/** What a body may weigh, per kind of route. JSON and forms are read whole (so small); uploads are streamed. */
export interface BodyLimits {
  /** JSON / text / form bodies read by `readBody` (bytes). */
  json: number
  /** Multipart forms read whole (a logo upload). */
  form: number
  /** Streamed uploads (CSV imports); the handler reads the stream and enforces its own, smaller caps. */
  upload: number
}

export interface Area<P = unknown> {
  name: string
  /** Path prefixes the area serves, for the README and the route-table tests. */
  prefixes: string[]
  /** Runs before every non-public route; throws (or rejects with) the area's 401/403 errors. An answer known at once may come without a promise. */
  authenticate: (request: Request) => Authenticated<P> | Promise<Authenticated<P>>
  /** The only place an error of this area becomes an answer (DRF shape, OM envelope, …). */
  renderError: (error: unknown, request: Request) => Response
  limits: BodyLimits
  /** Cookie-authenticated POST/PUT/PATCH/DELETE must carry a same-origin `Origin` (or `Sec-Fetch-Site`). */
  sameOriginForCookieWrites: boolean
  /** Extra headers on every answer, on top of the security headers (lib/http/security-headers.ts). */
  headers?: Record<string, string>
  /** Content-Security-Policy of this area's answers (JSON APIs: nothing may load or frame). */
  contentSecurityPolicy?: string
  /**
   * Last word on every answer of an authenticated call, errors included (e.g. the storefront seals its
   * changed shopper session into a cookie, or sets `csrftoken` on a first visit).
   */
  complete?: (response: Response, request: Request, principal: P) => Response | Promise<Response>
}

export function defineArea<P>(area: Area<P>): Area<P> {
  return area
}

export interface RouteContext<P> {
  params: Record<string, string>
  principal: P
  /** The request URL, parsed once. */
  url: URL
  area: Area<P>
  /** The byte cap of this request's body: the area's limit for the route's body kind and the content type. */
  bodyLimit: number
}

export type RouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response> | Response

export type BodyKind = keyof BodyLimits

export interface Route<P = any> {
  area: Area<P>
  method: Exclude<Method, 'HEAD' | 'OPTIONS'>
  /** `/api/v1/banks/{id}/`: `{name}` matches one segment; the trailing slash is optional when matching. */
  pattern: string
  handler: RouteHandler<P>
  /** No authentication (the OpenAPI document, media files). */
  public?: boolean
  /** Which of the area's body caps applies (default `json`). */
  body?: BodyKind
}

export function route<P>(
  area: Area<P>,
  method: Route['method'],
  pattern: string,
  handler: RouteHandler<P>,
  options: { public?: boolean; body?: BodyKind } = {},
): Route<P> {
  return { area, method, pattern, handler, ...options }
}

/** The routes of one path pattern (all methods), with the params the path gave. */
export interface Match {
  routes: Route[]
  params: Record<string, string>
}

/**
 * Answers one request for a matched path: method dispatch (HEAD as GET, OPTIONS, 405 after
 * authentication as DRF does), body cap by `Content-Length`, authentication, the same-origin rule,
 * the handler, error rendering, security headers. Both doors call this and nothing else.
 */
export async function runRoute(request: Request, url: URL, match: Match): Promise<Response> {
  const method = request.method.toUpperCase()
  const area = match.routes[0].area
  const found = match.routes.find((candidate) => candidate.method === method || (method === 'HEAD' && candidate.method === 'GET'))
  let response: Response
  if (method === 'OPTIONS') {
    // What Next answers for a route file without an OPTIONS export: 204 and the methods the path takes.
    response = new Response(null, { status: 204, headers: { allow: allowedMethods(match.routes).join(', ') } })
  } else {
    response = await withRequestContext(request, async () => {
      let authenticated: { principal: unknown } | undefined
      let answer: Response
      try {
        if (found?.public) return await found.handler(request, context(found, match, url, undefined, 0))
        const authentication = area.authenticate(request)
        const { principal, viaCookie } = authentication instanceof Promise ? await authentication : authentication
        authenticated = { principal }
        if (!found) throw new MethodNotAllowedError(method, allowedMethods(match.routes))
        if (viaCookie && area.sameOriginForCookieWrites && !SAFE.has(method)) assertSameOrigin(request)
        const limit = bodyLimit(found, request)
        const declared = Number(request.headers.get('content-length') ?? 0)
        if (declared > limit) throw new PayloadTooLargeError(limit)
        answer = await found.handler(capBody(request, limit), context(found, match, url, principal, limit))
      } catch (error) {
        answer = renderError(area, error, request)
      }
      if (!authenticated || !area.complete) return answer
      try {
        return await area.complete(answer, request, authenticated.principal)
      } catch (error) {
        return renderError(area, error, request)
      }
    })
    // (A TextResponse's body is a string: asking `.body` would build the stream it avoids.)
    if (method === 'HEAD' && (response instanceof TextResponse || response.body)) {
      if (!(response instanceof TextResponse)) response.body?.cancel().catch(() => {})
      response = new Response(null, { status: response.status, headers: response.headers })
    }
  }
  return finish(area, request, response)
}

/**
 * The request as the handler sees it: a body without a Content-Length is counted as it streams and
 * fails with 413 past the route's cap, whichever way the handler reads it (readBody with its own
 * default, formData, an upload parser), so no handler can be made to hold more than its area allows.
 */
function capBody(request: Request, limit: number): Request {
  // (GET and HEAD have no body: asking a fast-path GET for `body` would make the undici Request it avoids.)
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request
  return new Request(request, { body: cappedStream(request.body, limit), duplex: 'half' } as RequestInit)
}

function context<P>(found: Route<P>, match: Match, url: URL, principal: P, limit: number): RouteContext<P> {
  return { params: match.params, principal, url, area: found.area, bodyLimit: limit }
}

/** Uploads take the area's upload cap; a form (a logo) the form cap; anything else the JSON cap. */
function bodyLimit(found: Route, request: Request): number {
  if (found.body === 'upload') return found.area.limits.upload
  return isFormBody(request.headers.get('content-type')) ? found.area.limits.form : found.area.limits.json
}

function renderError(area: Area, error: unknown, request: Request): Response {
  try {
    return area.renderError(error, request)
  } catch (failure) {
    console.error('Error renderer failed:', failure)
    return new Response(JSON.stringify({ detail: 'A server error occurred.' }), { status: 500, headers: { 'content-type': 'application/json' } })
  }
}

/** The path's methods in the table's order, then HEAD (with GET) and OPTIONS, as DRF lists them. */
export function allowedMethods(routes: Route[]): string[] {
  const methods: string[] = routes.map((entry) => entry.method)
  if (methods.includes('GET')) methods.push('HEAD')
  methods.push('OPTIONS')
  return methods
}

/** The area's headers and the security headers, on every answer of the area (errors included). */
export function finish(area: Area, request: Request, response: Response): Response {
  if (response instanceof TextResponse) {
    response.addMissingHeaders(securityHeaders(request, area.contentSecurityPolicy))
    if (area.headers) response.addMissingHeaders(area.headers)
    return response
  }
  try {
    applyHeaders(response.headers, securityHeaders(request, area.contentSecurityPolicy))
    if (area.headers) applyHeaders(response.headers, area.headers)
    return response
  } catch {
    // An immutable Response (Response.redirect): copy it to set the headers.
    const copy = new Response(response.body, response)
    applyHeaders(copy.headers, securityHeaders(request, area.contentSecurityPolicy))
    if (area.headers) applyHeaders(copy.headers, area.headers)
    return copy
  }
}

