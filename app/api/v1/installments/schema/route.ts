// GET /api/v1/installments/schema/
import { installments } from '@/lib/installments/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(installments)
