// GET, PUT, PATCH, DELETE /api/v1/bin_numbers/{id}/
import { binNumbers } from '@/lib/bin-numbers/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(binNumbers)
