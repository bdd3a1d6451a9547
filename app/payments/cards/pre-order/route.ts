import { storefrontRoutes } from '@/lib/storefront/area'
import { cardsForPreOrder } from '@/lib/storefront/handlers'

// GET /payments/cards/pre-order/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: cardsForPreOrder })
