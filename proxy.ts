import { NextResponse, type NextRequest } from 'next/server'

// A fast first gate for console pages only; every page, action and handler checks the session itself.
export function proxy(request: NextRequest) {
  if (!request.cookies.has('pm_session')) {
    const url = request.nextUrl.clone()
    url.pathname = '/login'
    url.search = ''
    return NextResponse.redirect(url)
  }
  return NextResponse.next()
}

export const config = {
  matcher: ['/', '/sales-channels/:path*', '/api-tokens/:path*', '/audit-log/:path*', '/sms-outbox/:path*', '/transactions/:path*', '/order-payments/:path*', '/api/docs'],
}
