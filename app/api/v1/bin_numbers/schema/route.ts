// GET /api/v1/bin_numbers/schema/
import { binNumbers } from '@/lib/bin-numbers/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(binNumbers)
