import { NextResponse, type NextRequest } from 'next/server'
import { AREA_PATH_PREFIXES } from '@/lib/http/area-paths'
import { MALFORMED_PATH_ANSWER, escapeMalformedSegments, isMalformedPath } from '@/lib/http/malformed-path'

// The console pages this gate covers (the `/` root, these sections and the API docs page).
const CONSOLE_PAGE = /^\/(?:sales-channels|api-tokens|audit-log|sms-outbox|transactions|order-payments)(?:\/|$)|^\/(?:api\/docs\/?)?$/

export function proxy(request: NextRequest) {
  // A malformed %-escape would make Next's own param decoding answer 500 (under `next dev`, or with
  // API_FAST_PATH=0): answer as `npm start` does (lib/http/malformed-path.ts). An API area's path goes on
  // to its route with the bad segment escaped, so the route table sees the segment as sent (404).
  const pathname = new URL(request.url).pathname
  if (isMalformedPath(pathname)) {
    if (AREA_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
      const url = request.nextUrl.clone()
      url.pathname = escapeMalformedSegments(pathname)
      return NextResponse.rewrite(url)
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
