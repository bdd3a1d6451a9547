import { storefrontRoutes } from '@/lib/storefront/area'
import { getMasterpassJs } from '@/lib/storefront/handlers'

// GET /masterpass-js/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getMasterpassJs })
