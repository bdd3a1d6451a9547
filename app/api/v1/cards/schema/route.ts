// GET /api/v1/cards/schema/
import { cards } from '@/lib/cards/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(cards)
