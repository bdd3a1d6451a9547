import { createPaymentHandler } from '@/lib/om/handlers'
import { omMethodNotAllowed } from '@/lib/om/http'

export const POST = createPaymentHandler
export const GET = omMethodNotAllowed('POST')
export const PUT = omMethodNotAllowed('POST')
export const PATCH = omMethodNotAllowed('POST')
export const DELETE = omMethodNotAllowed('POST')
