import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { requireApiPrincipal } from '@/lib/auth/current'
import { MethodNotAllowedError, NotFoundError } from './errors'
import { withRequestContext } from './request-context'
import { errorResponse } from './respond'

type RouteContext = { params: Promise<Record<string, string>> }
type Handler = (request: Request, context: { params: Record<string, string>; principal: Principal }) => Promise<Response>

/** Authenticates every call (token or session), then maps whatever the handler throws. */
export function apiHandler(handler: Handler) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const principal = await requireApiPrincipal(request)
      const params = (await context?.params) ?? {}
      return await withRequestContext(request, () => handler(request, { params, principal }))
    } catch (error) {
      return errorResponse(error)
    }
  }
}

/**
 * DRF answers 405 with a body naming the method and an `Allow` header listing the ones the path
 * answers (`allowed`); so do we, after authentication as DRF does.
 */
export function methodNotAllowed(...allowed: string[]) {
  const methods = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS']
  return apiHandler(async (request) => {
    throw new MethodNotAllowedError(request.method, methods)
  })
}

/** Path ids: anything but a positive integer is simply not found. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^\d{1,10}$/.test(raw)) throw new NotFoundError()
  const id = Number(raw)
  if (id < 1 || id > 2147483647) throw new NotFoundError()
  return id
}
