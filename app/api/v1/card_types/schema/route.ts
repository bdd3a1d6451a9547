// GET /api/v1/card_types/schema/
import { cardTypes } from '@/lib/card-types/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(cardTypes)
