import { NextResponse, type NextRequest } from 'next/server'
import { AREA_PATH_PREFIXES } from '@/lib/http/area-paths'
import { MALFORMED_PATH_ANSWER, MALFORMED_PATH_HEADER, MALFORMED_PATH_ROUTE, isMalformedPath } from '@/lib/http/malformed-path'

// The console pages this gate covers (the `/` root, these sections and the API docs page).
const CONSOLE_PAGE = /^\/(?:sales-channels|api-tokens|audit-log|sms-outbox|transactions|order-payments|accounts)(?:\/|$)|^\/(?:api\/docs\/?)?$/

export function proxy(request: NextRequest) {
  // A malformed %-escape would make Next's own param decoding answer 500 (under `next dev`, or with
  // API_FAST_PATH=0): answer as `npm start` does (lib/http/malformed-path.ts). An API area's path goes, as
  // sent, in a header to one static route where the route table answers it (404 after auth, or 400).
  const pathname = new URL(request.url).pathname
  if (isMalformedPath(pathname)) {
    if (AREA_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
      const headers = new Headers(request.headers)
      headers.set(MALFORMED_PATH_HEADER, `${pathname}${new URL(request.url).search}`)
      return NextResponse.rewrite(new URL(MALFORMED_PATH_ROUTE, request.url), { request: { headers } })
    }
    return new NextResponse(MALFORMED_PATH_ANSWER.body, { status: MALFORMED_PATH_ANSWER.status, headers: MALFORMED_PATH_ANSWER.headers })
  }
  // A fast first gate for console pages only; every page, action and handler checks the session itself.
  if (CONSOLE_PAGE.test(pathname) && !request.cookies.has('pm_session')) {
    const url = request.nextUrl.clone()
    url.pathname = '/login'
    url.search = ''
    return NextResponse.redirect(url)
  }
  return NextResponse.next()
}

export const config = {
  // Every path but Next's own assets: any may carry a malformed %-escape.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
