import { getRefundHandler } from '@/lib/ledger/handlers'
import { ledgerMethodNotAllowed } from '@/lib/ledger/http'

export const GET = getRefundHandler
export const POST = ledgerMethodNotAllowed('GET')
export const PUT = ledgerMethodNotAllowed('GET')
export const PATCH = ledgerMethodNotAllowed('GET')
export const DELETE = ledgerMethodNotAllowed('GET')
