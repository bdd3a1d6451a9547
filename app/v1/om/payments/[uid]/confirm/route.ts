import { confirmPaymentHandler } from '@/lib/om/handlers'
import { omMethodNotAllowed } from '@/lib/om/http'

export const PATCH = confirmPaymentHandler
export const GET = omMethodNotAllowed('PATCH')
export const POST = omMethodNotAllowed('PATCH')
export const PUT = omMethodNotAllowed('PATCH')
export const DELETE = omMethodNotAllowed('PATCH')
