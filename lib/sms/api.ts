import 'server-only'
import { getDb } from '@/db'
import type { Principal } from '@/lib/auth/principal'
import type { RouteHandler } from '@/lib/http/area'
import { ForbiddenError } from '@/lib/http/errors'
import { json } from '@/lib/http/respond'
import { listOutbox } from './outbox'

/** `GET /api/v1/sms_outbox/?phone_number=`: the outbox, to admin tokens and sessions only (it holds live codes). */
export const listSmsOutbox: RouteHandler<Principal> = async (request, { principal, url }) => {
  if (principal.role !== 'admin') throw new ForbiddenError()
  return json(await listOutbox(await getDb(), url.searchParams, request.url), 200, { 'cache-control': 'no-store' })
}
