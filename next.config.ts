import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that break when bundled; load it from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'kysely-pglite-dialect', 'pg'],
  // `/api/v1/banks` and `/api/v1/banks/` must both reach the handler: a redirect would drop a POST body.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: '50mb' },
  },
}

export default nextConfig
