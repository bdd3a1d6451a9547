import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { runRoute, type RouteHandler } from './area'
import { apiV1 } from './areas/api-v1'
import { MethodNotAllowedError } from './errors'

export { parseId } from './params'

/**
 * @deprecated Put the route in the route table (lib/http/routes.ts) and use `nextRoute(pattern)` in the
 * route file: only table routes get the fast path. Kept so a handler written before the table still
 * runs the /api/v1 area's pipeline (auth, same-origin rule, body caps, DRF errors, headers) under Next.
 */
export function apiHandler(handler: RouteHandler<Principal>) {
  return async (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.join('/') : value]))
    const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : (request.method.toUpperCase() as 'GET')
    return runRoute(request, new URL(request.url), { routes: [{ area: apiV1, method, pattern: new URL(request.url).pathname, handler }], params })
  }
}

/** @deprecated The route table answers 405 with `Allow` for every table path; kept for route files not yet on it. */
export function methodNotAllowed(...allowed: string[]) {
  const methods = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS']
  return apiHandler(async (request) => {
    throw new MethodNotAllowedError(request.method, methods)
  })
}
