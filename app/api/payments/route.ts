// /api/payments/ — the route table (lib/ledger/routes.ts, lib/om/routes.ts) answers this path.
import { nextRoute } from '@/lib/http/next'

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = nextRoute('/api/payments/')
