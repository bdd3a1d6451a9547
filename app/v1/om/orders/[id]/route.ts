import { getOrderHandler } from '@/lib/om/handlers'
import { omMethodNotAllowed } from '@/lib/om/http'

export const GET = getOrderHandler
export const POST = omMethodNotAllowed('GET')
export const PUT = omMethodNotAllowed('GET')
export const PATCH = omMethodNotAllowed('GET')
export const DELETE = omMethodNotAllowed('GET')
