import { storefrontRoutes } from '@/lib/storefront/area'
import { stageStoredCard } from '@/lib/storefront/handlers'

// POST /payments/stored-cards/ (card data staged for the OTP step)
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ POST: stageStoredCard })
