import { storefrontRoutes } from '@/lib/storefront/area'
import { cardsForBasket } from '@/lib/storefront/handlers'

// GET /payments/cards/basket/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: cardsForBasket })
