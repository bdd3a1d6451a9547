// GET, POST /api/v1/banks/
import { banks } from '@/lib/banks/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(banks)
