// GET, PUT, PATCH, DELETE /api/v1/card_types/{id}/
import { cardTypes } from '@/lib/card-types/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(cardTypes)
