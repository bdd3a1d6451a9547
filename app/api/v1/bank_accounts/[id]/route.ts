// GET, PUT, PATCH, DELETE /api/v1/bank_accounts/{id}/
import { bankAccounts } from '@/lib/bank-accounts/resource'
import { itemRoutes } from '@/lib/http/resource-routes'

export const { GET, PUT, PATCH, DELETE, POST } = itemRoutes(bankAccounts)
