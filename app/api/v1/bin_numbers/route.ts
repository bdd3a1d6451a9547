// GET, POST /api/v1/bin_numbers/
import { binNumbers } from '@/lib/bin-numbers/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(binNumbers)
