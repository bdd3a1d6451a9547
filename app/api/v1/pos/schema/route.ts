// GET /api/v1/pos/schema/
import { pos } from '@/lib/pos/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(pos)
