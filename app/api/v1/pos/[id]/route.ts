// GET, PUT, PATCH, DELETE /api/v1/pos/{id}/
import { pos } from '@/lib/pos/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(pos)
