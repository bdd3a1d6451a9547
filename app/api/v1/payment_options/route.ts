// GET, POST /api/v1/payment_options/
import { paymentOptions } from '@/lib/payment-options/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(paymentOptions)
