import { runRoute } from './area'
import { matchRoute, routesOf } from './routes'

type NextHandler = (request: Request) => Promise<Response>

/**
 * The Next door to the route table: a route file under `app/` is
 *   export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = nextRoute('/api/v1/banks/')
 * Every method is exported so that the table, not the file, decides 405 and `Allow`, exactly as on the
 * fast path. Params come from the table's matcher (not Next's), so both doors decode paths alike.
 */
export function nextRoute(pattern: string): Record<'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', NextHandler> {
  const declared = routesOf(pattern)
  const handle: NextHandler = async (request) => {
    const url = new URL(request.url)
    const match = matchRoute(url.pathname)
    return runRoute(request, url, match && match.routes === declared ? match : { routes: declared, params: {} })
  }
  return { GET: handle, HEAD: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle }
}
