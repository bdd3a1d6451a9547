import { getPaymentHandler, updatePaymentHandler, voidPaymentHandler } from '@/lib/ledger/handlers'
import { ledgerMethodNotAllowed } from '@/lib/ledger/http'

export const GET = getPaymentHandler
export const PUT = updatePaymentHandler
export const DELETE = voidPaymentHandler
export const POST = ledgerMethodNotAllowed('GET', 'PUT', 'DELETE')
export const PATCH = ledgerMethodNotAllowed('GET', 'PUT', 'DELETE')
