// GET, POST /api/v1/cards/
import { cards } from '@/lib/cards/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(cards)
