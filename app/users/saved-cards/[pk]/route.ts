import { storefrontRoutes } from '@/lib/storefront/area'
import { removeSavedCard } from '@/lib/storefront/handlers'

// DELETE /users/saved-cards/{pk}/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ DELETE: removeSavedCard })
