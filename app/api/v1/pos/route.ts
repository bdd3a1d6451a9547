// GET, POST /api/v1/pos/
import { pos } from '@/lib/pos/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(pos)
