// GET, PUT, PATCH, DELETE /api/v1/installments/{id}/
import { installments } from '@/lib/installments/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(installments)
