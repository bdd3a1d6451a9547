// GET /api/v1/banks/schema/
import { banks } from '@/lib/banks/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(banks)
