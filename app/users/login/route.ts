import { storefrontRoutes } from '@/lib/storefront/area'
import { login } from '@/lib/storefront/handlers'

// POST /users/login/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ POST: login })
