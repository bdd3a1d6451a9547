import { storefrontRoutes } from '@/lib/storefront/area'
import { getSavedCards } from '@/lib/storefront/handlers'

// GET /users/saved-cards/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getSavedCards })
