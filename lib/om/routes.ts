import 'server-only'
import { getDb } from '@/db'
import type { OmPrincipal } from '@/lib/auth/om-api-key'
import { route, type Route, type RouteHandler } from '@/lib/http/area'
import { readBody } from '@/lib/http/body'
import { InvalidError } from '@/lib/http/errors'
import type { Actor } from '@/lib/ledger/actor'
import { withIdempotency } from '@/lib/ledger/idempotency'
import { exactJson } from '@/lib/ledger/money'
import { envelope, ok, omArea, omErrorAnswer, type OmAnswer } from './http'
import { listOrders, orderDetail, PAYMENT_STATUSES } from './orders'
import { confirmOmPayment, createOmPayment, deleteOmPayment, updateOmPayment } from './payments'

/** An OM api-key acts as itself: createdVia `api`, createdBy the key's name. */
const actorOf = (principal: OmPrincipal): Actor => ({ via: 'api', by: principal.keyName, userId: null })

/** A handler answering `data` (or throwing an error the area renders), wrapped in the envelope. */
const enveloped =
  (handler: (...args: Parameters<RouteHandler<OmPrincipal>>) => Promise<OmAnswer>): RouteHandler<OmPrincipal> =>
  async (request, context) =>
    envelope(await handler(request, context), request)

function pageOf(params: URLSearchParams) {
  const errors: Record<string, string[]> = {}
  const limitText = params.get('limit')
  const offsetText = params.get('offset')
  const limit = limitText === null || limitText === '' ? 20 : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
  const offset = offsetText === null || offsetText === '' ? 0 : /^\d{1,9}$/.test(offsetText) ? Number(offsetText) : NaN
  if (!(limit >= 1 && limit <= 100)) errors.limit = ['Must be an integer from 1 to 100.']
  if (!(offset >= 0)) errors.offset = ['Must be a non-negative integer.']
  const statusText = params.get('paymentStatus') || undefined
  const status = PAYMENT_STATUSES.find((value) => value === statusText)
  if (statusText && !status) errors.paymentStatus = [`Must be one of ${PAYMENT_STATUSES.join(', ')}.`]
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { limit, offset, status }
}

export const omRoutes: Route[] = [
  // GET /v1/om/orders?limit&offset&paymentStatus: the organization's orders, newest first (our documented addition)
  route(
    omArea,
    'GET',
    '/v1/om/orders/',
    enveloped(async (_request, { principal, url }) => {
      const { count, items } = await listOrders(await getDb(), principal.organizationId, pageOf(url.searchParams))
      return ok({ count, items })
    }),
  ),
  // GET /v1/om/orders/{id}: the order with its payments and payment methods
  route(omArea, 'GET', '/v1/om/orders/{id}/', enveloped(async (_request, { params, principal }) => ok(await orderDetail(await getDb(), principal.organizationId, params.id)))),
  // POST /v1/om/payments → {id}; Idempotency-Key answers a retry with the first answer
  route(
    omArea,
    'POST',
    '/v1/om/payments/',
    enveloped(async (request, { principal, bodyLimit }) => {
      const body = await readBody(request, bodyLimit)
      const db = await getDb()
      const answer = await withIdempotency(
        db,
        'om.payments',
        `om:${principal.keyId}`,
        request.headers.get('idempotency-key'),
        body,
        async () => ({ status: 200, body: exactJson({ data: await createOmPayment(db, principal.organizationId, body, actorOf(principal)) }) }),
        (error) => {
          const failed = omErrorAnswer(error)
          return { status: failed.status, body: JSON.stringify(failed.payload) }
        },
      )
      // Stored is the payload; the envelope (this request's requestId) is added fresh.
      return { status: answer.status, payload: JSON.parse(answer.body), headers: answer.replayed ? { 'idempotent-replayed': 'true' } : undefined }
    }),
  ),
  // PATCH /v1/om/payments/{uid} → {success: true}
  route(
    omArea,
    'PATCH',
    '/v1/om/payments/{uid}/',
    enveloped(async (request, { params, principal, bodyLimit }) => ok(await updateOmPayment(await getDb(), principal.organizationId, params.uid, await readBody(request, bodyLimit), actorOf(principal)))),
  ),
  // DELETE /v1/om/payments/{uid} → the order's remaining payments and payment methods
  route(omArea, 'DELETE', '/v1/om/payments/{uid}/', enveloped(async (_request, { params, principal }) => ok(await deleteOmPayment(await getDb(), principal.organizationId, params.uid, actorOf(principal))))),
  // PATCH /v1/om/payments/{uid}/confirm → the order's payments and payment methods
  route(
    omArea,
    'PATCH',
    '/v1/om/payments/{uid}/confirm/',
    enveloped(async (request, { params, principal, bodyLimit }) => ok(await confirmOmPayment(await getDb(), principal.organizationId, params.uid, await readBody(request, bodyLimit), actorOf(principal)))),
  ),
]
