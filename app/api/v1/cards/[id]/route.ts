// GET, PUT, PATCH, DELETE /api/v1/cards/{id}/
import { cards } from '@/lib/cards/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(cards)
