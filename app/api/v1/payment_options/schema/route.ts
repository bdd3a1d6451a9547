// GET /api/v1/payment_options/schema/
import { paymentOptions } from '@/lib/payment-options/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(paymentOptions)
