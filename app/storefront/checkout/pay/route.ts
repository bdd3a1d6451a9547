import { pay } from '@/lib/checkout/handlers'
import { storefrontRoutes } from '@/lib/storefront/area'

// POST /storefront/checkout/pay
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ POST: pay })
