// GET /api/v1/bank_accounts/schema/
import { bankAccounts } from '@/lib/bank-accounts/resource'
import { schemaRoutes } from '@/lib/http/resource-routes'

export const { GET, POST, PUT, PATCH, DELETE } = schemaRoutes(bankAccounts)
