import 'server-only'
import { getDb } from '@/db'
import { apiHandler, methodNotAllowed } from '@/lib/http/handler'
import { ForbiddenError } from '@/lib/http/errors'
import { json } from '@/lib/http/respond'
import { listOutbox } from './outbox'

/** `GET /api/v1/sms_outbox/?phone_number=`: the outbox, to admin tokens and sessions only (it holds live codes). */
export const smsOutboxRoutes = {
  GET: apiHandler(async (request, { principal }) => {
    if (principal.role !== 'admin') throw new ForbiddenError()
    const response = json(await listOutbox(await getDb(), new URL(request.url).searchParams, request.url))
    response.headers.set('cache-control', 'no-store')
    return response
  }),
  POST: methodNotAllowed('GET'),
  PUT: methodNotAllowed('GET'),
  PATCH: methodNotAllowed('GET'),
  DELETE: methodNotAllowed('GET'),
}
