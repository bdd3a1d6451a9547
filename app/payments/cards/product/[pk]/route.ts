import { storefrontRoutes } from '@/lib/storefront/area'
import { cardsForProduct } from '@/lib/storefront/handlers'

// GET /payments/cards/product/{pk}/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: cardsForProduct })
