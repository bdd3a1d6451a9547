// GET, POST /api/v1/card_types/
import { cardTypes } from '@/lib/card-types/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(cardTypes)
