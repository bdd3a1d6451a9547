import 'server-only'
import { redirect } from 'next/navigation'
import { ForbiddenError, UnauthenticatedError } from '@/lib/http/errors'
import type { Principal } from './principal'
import { getDb } from '@/db'
import { getSession } from './session'
import { sessionPrincipal } from './sessions'
import { findTokenPrincipal } from './users'

/**
 * The console user of this request (from `request`'s cookies when given, else Next's), or null: the
 * cookie must name a session the server has not ended (lib/auth/sessions.ts).
 */
export async function currentUser(request?: Request): Promise<Principal | null> {
  const session = await getSession(request)
  if (!session.sid) return null
  return sessionPrincipal(await getDb(), session.sid)
}

/** Pages: the signed-in user, or a redirect to /login. */
export async function requirePageUser(): Promise<Principal> {
  const user = await currentUser()
  if (!user) redirect('/login')
  return user
}

/** Server actions: the signed-in user, checked again here and not only by the proxy. */
export async function requireActionUser(options: { write?: boolean } = {}): Promise<Principal> {
  const user = await currentUser()
  if (!user) throw new UnauthenticatedError()
  if (options.write && user.role !== 'admin') throw new ForbiddenError()
  return user
}

/** Route handlers: `Authorization: Token <key>` or the console session. */
export async function requireApiPrincipal(request: Request): Promise<Principal> {
  return (await authenticateApiRequest(request)).principal
}

type ApiAuthentication = { principal: Principal; viaCookie: boolean }

/**
 * The /api/v1 area's auth: a token, or the console session cookie (whose writes must prove same origin).
 * A token found in the cache answers at once (no promise); a bad header throws at once.
 */
export function authenticateApiRequest(request: Request): ApiAuthentication | Promise<ApiAuthentication> {
  const header = request.headers.get('authorization')
  if (header) {
    const match = /^Token\s+(\S+)\s*$/i.exec(header)
    if (!match) throw new UnauthenticatedError('Invalid token header. No credentials provided.')
    const found = findTokenPrincipal(match[1])
    return found instanceof Promise ? found.then(byToken) : byToken(found)
  }
  return currentUser(request).then((user) => {
    if (!user) throw new UnauthenticatedError()
    return { principal: { ...user, via: 'console' as const }, viaCookie: true }
  })
}

function byToken(principal: Principal | null): ApiAuthentication {
  if (!principal) throw new UnauthenticatedError('Invalid token.')
  return { principal, viaCookie: false }
}
