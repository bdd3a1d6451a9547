import type { NextConfig } from 'next'
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants'
import { outsideAreasSource } from './lib/http/area-paths'
import { COMMON_SECURITY_HEADERS, HSTS, pageContentSecurityPolicy } from './lib/http/security-headers'

export default function config(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER
  // Console and storefront pages. API areas set their own (lib/http/area.ts) on both doors (these do
  // not run on the fast path), so their paths are left out here.
  const pageHeaders = [
    { key: 'Content-Security-Policy', value: pageContentSecurityPolicy(dev) },
    ...Object.entries(COMMON_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
  ]
  return {
    // PGlite ships WASM and data files that break when bundled; load it from node_modules at run time.
    serverExternalPackages: ['@electric-sql/pglite', 'kysely-pglite-dialect', 'pg'],
    // `/api/v1/banks` and `/api/v1/banks/` must both reach the handler: a redirect would drop a POST body.
    skipTrailingSlashRedirect: true,
    poweredByHeader: false,
    typedRoutes: false,
    experimental: {
      serverActions: { bodySizeLimit: '50mb' },
    },
    async headers() {
      return [
        { source: outsideAreasSource(), headers: pageHeaders },
        // Over HTTPS (a TLS proxy says so): browsers ignore HSTS sent over plain HTTP anyway.
        { source: outsideAreasSource(), has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [{ key: 'Strict-Transport-Security', value: HSTS }] },
      ]
    },
  }
}
