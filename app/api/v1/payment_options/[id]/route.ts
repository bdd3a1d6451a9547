// GET, PUT, PATCH, DELETE /api/v1/payment_options/{id}/
import { paymentOptions } from '@/lib/payment-options/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(paymentOptions)
