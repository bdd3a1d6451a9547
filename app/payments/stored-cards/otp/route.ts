import { storefrontRoutes } from '@/lib/storefront/area'
import { postOtp } from '@/lib/storefront/handlers'

// POST /payments/stored-cards/otp/
export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({ POST: postOtp })
