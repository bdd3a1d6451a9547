import { deletePaymentHandler, updatePaymentHandler } from '@/lib/om/handlers'
import { omMethodNotAllowed } from '@/lib/om/http'

export const PATCH = updatePaymentHandler
export const DELETE = deletePaymentHandler
export const GET = omMethodNotAllowed('PATCH', 'DELETE')
export const POST = omMethodNotAllowed('PATCH', 'DELETE')
export const PUT = omMethodNotAllowed('PATCH', 'DELETE')
