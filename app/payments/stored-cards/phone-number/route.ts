import { storefrontRoutes } from '@/lib/storefront/area'
import { getPhoneNumber, postPhoneNumber } from '@/lib/storefront/handlers'

// GET, POST /payments/stored-cards/phone-number/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ GET: getPhoneNumber, POST: postPhoneNumber })
