import { storefrontRoutes } from '@/lib/storefront/area'
import { getCheckout, postCheckout } from '@/lib/storefront/handlers'

// GET, POST /orders/checkout/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getCheckout, POST: postCheckout })
