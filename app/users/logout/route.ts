import { storefrontRoutes } from '@/lib/storefront/area'
import { logout } from '@/lib/storefront/handlers'

// POST /users/logout/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ POST: logout })
