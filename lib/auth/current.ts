import 'server-only'
import { redirect } from 'next/navigation'
import { ForbiddenError, UnauthenticatedError } from '@/lib/http/errors'
import type { Principal } from './principal'
import { getSession } from './session'
import { findTokenPrincipal, findUserPrincipal } from './users'

/** The console user of this request, or null. */
export async function currentUser(): Promise<Principal | null> {
  const session = await getSession()
  if (!session.userId) return null
  return findUserPrincipal(session.userId, 'console')
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
  const header = request.headers.get('authorization')
  if (header) {
    const match = /^Token\s+(\S+)\s*$/i.exec(header)
    if (!match) throw new UnauthenticatedError('Invalid token header. No credentials provided.')
    const principal = await findTokenPrincipal(match[1])
    if (!principal) throw new UnauthenticatedError('Invalid token.')
    return principal
  }
  const user = await currentUser()
  if (!user) throw new UnauthenticatedError()
  return { ...user, via: 'console' }
}
