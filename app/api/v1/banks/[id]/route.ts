// GET, PUT, PATCH, DELETE /api/v1/banks/{id}/
import { banks } from '@/lib/banks/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(banks)
