// POST /storefront/3d-secure/verify
import { nextRoute } from '@/lib/http/next'

// The route table (lib/http/routes.ts) answers this path; npm start serves it on the fast path.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = nextRoute('/storefront/3d-secure/verify')
