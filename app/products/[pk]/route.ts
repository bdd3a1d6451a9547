import { storefrontRoutes } from '@/lib/storefront/area'
import { getProductDetail } from '@/lib/storefront/handlers'

// GET /products/{pk}/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getProductDetail })
