import { storefrontRoutes } from '@/lib/storefront/area'
import { getBasket, postBasket } from '@/lib/storefront/handlers'

// GET, POST /baskets/basket/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getBasket, POST: postBasket })
