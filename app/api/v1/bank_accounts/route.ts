// GET, POST /api/v1/bank_accounts/
import { bankAccounts } from '@/lib/bank-accounts/resource'
import { collectionRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = collectionRoutes(bankAccounts)
