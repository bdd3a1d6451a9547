import { createRefundHandler, listRefundsHandler } from '@/lib/ledger/handlers'
import { ledgerMethodNotAllowed } from '@/lib/ledger/http'

export const GET = listRefundsHandler
export const POST = createRefundHandler
export const PUT = ledgerMethodNotAllowed('GET', 'POST')
export const PATCH = ledgerMethodNotAllowed('GET', 'POST')
export const DELETE = ledgerMethodNotAllowed('GET', 'POST')
