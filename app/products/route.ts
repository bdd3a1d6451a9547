import { storefrontRoutes } from '@/lib/storefront/area'
import { getProducts } from '@/lib/storefront/handlers'

// GET /products/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getProducts })
