import { createPaymentHandler, listPaymentsHandler } from '@/lib/ledger/handlers'
import { ledgerMethodNotAllowed } from '@/lib/ledger/http'

export const GET = listPaymentsHandler
export const POST = createPaymentHandler
export const PUT = ledgerMethodNotAllowed('GET', 'POST')
export const PATCH = ledgerMethodNotAllowed('GET', 'POST')
export const DELETE = ledgerMethodNotAllowed('GET', 'POST')
