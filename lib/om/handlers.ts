import 'server-only'
import { getDb } from '@/db'
import type { OmPrincipal } from '@/lib/auth/om-api-key'
import { readBody } from '@/lib/http/body'
import { InvalidError } from '@/lib/http/errors'
import type { Actor } from '@/lib/ledger/actor'
import { withIdempotency } from '@/lib/ledger/idempotency'
import { exactJson } from '@/lib/ledger/money'
import { ok, omErrorAnswer, omRoute, type OmAnswer } from './http'
import { listOrders, orderDetail } from './orders'
import { confirmOmPayment, createOmPayment, deleteOmPayment, updateOmPayment } from './payments'

/** An OM api-key acts as itself: createdVia `api`, createdBy the key's name. */
const actorOf = (principal: OmPrincipal): Actor => ({ via: 'api', by: principal.keyName, userId: null })

function pageOf(params: URLSearchParams) {
  const errors: Record<string, string[]> = {}
  const limitText = params.get('limit')
  const offsetText = params.get('offset')
  const limit = limitText === null || limitText === '' ? 20 : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
  const offset = offsetText === null || offsetText === '' ? 0 : /^\d{1,9}$/.test(offsetText) ? Number(offsetText) : NaN
  if (!(limit >= 1 && limit <= 100)) errors.limit = ['Must be an integer from 1 to 100.']
  if (!(offset >= 0)) errors.offset = ['Must be a non-negative integer.']
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { limit, offset }
}

/** GET /v1/om/orders: the organization's orders, newest first (our documented addition). */
export const listOrdersHandler = omRoute(async (request, { principal }) => {
  const { count, items } = await listOrders(await getDb(), principal.organizationId, pageOf(new URL(request.url).searchParams))
  return ok({ count, items })
})

/** GET /v1/om/orders/{id}: the order with its payments and payment methods. */
export const getOrderHandler = omRoute(async (_request, { params, principal }) => ok(await orderDetail(await getDb(), principal.organizationId, params.id ?? '')))

/** POST /v1/om/payments → `{id}`; `Idempotency-Key` answers a retry with the first answer. */
export const createPaymentHandler = omRoute(async (request, { principal }) => {
  const body = await readBody(request)
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
  return { status: answer.status, payload: JSON.parse(answer.body), headers: answer.replayed ? { 'idempotent-replayed': 'true' } : undefined } as OmAnswer
})

/** PATCH /v1/om/payments/{uid} → `{success: true}`. */
export const updatePaymentHandler = omRoute(async (request, { params, principal }) =>
  ok(await updateOmPayment(await getDb(), principal.organizationId, params.uid ?? '', await readBody(request), actorOf(principal))),
)

/** PATCH /v1/om/payments/{uid}/confirm → the order's payments and payment methods. */
export const confirmPaymentHandler = omRoute(async (request, { params, principal }) =>
  ok(await confirmOmPayment(await getDb(), principal.organizationId, params.uid ?? '', await readBody(request), actorOf(principal))),
)

/** DELETE /v1/om/payments/{uid} → the order's remaining payments and payment methods. */
export const deletePaymentHandler = omRoute(async (_request, { params, principal }) => ok(await deleteOmPayment(await getDb(), principal.organizationId, params.uid ?? '', actorOf(principal))))
