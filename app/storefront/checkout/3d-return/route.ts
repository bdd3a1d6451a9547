import { threeDReturn } from '@/lib/checkout/handlers'
import { storefrontRoutes } from '@/lib/storefront/area'

// GET /storefront/checkout/3d-return
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: threeDReturn })
