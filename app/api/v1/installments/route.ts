// GET, POST /api/v1/installments/
import { installments } from '@/lib/installments/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(installments)
