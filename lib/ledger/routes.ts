import 'server-only'
import { getDb } from '@/db'
import { route, type Route } from '@/lib/http/area'
import { readBody } from '@/lib/http/body'
import { actorOf } from './actor'
import { LedgerValidationError } from './errors'
import { parsePaymentFilters } from './filters'
import { idempotencyKey, jsonBatches, keyOwner, ledgerArea, ledgerErrorAnswer, ledgerJson, streamedArray, writes, type LedgerHandler } from './http'
import { withIdempotency } from './idempotency'
import { exactJson } from './money'
import { createPayment, findPayment, pagePayments, paymentDetail, paymentItem, streamPayments, updatePayment, voidPayment } from './payments'
import { createRefund, getRefund, refundItem, refundsQuery, streamRefunds } from './refunds'

/** An idempotent POST: the same key and body answer the first answer again. */
const idempotentPost =
  (scope: string, run: (body: unknown, context: Parameters<LedgerHandler>[1]) => Promise<unknown>): LedgerHandler =>
  async (request, context) => {
    const body = await readBody(request, context.bodyLimit)
    const answer = await withIdempotency(
      await getDb(),
      scope,
      keyOwner(context.principal),
      idempotencyKey(request),
      body,
      async () => ({ status: 201, body: exactJson(await run(body, context)) }),
      ledgerErrorAnswer,
    )
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) } })
  }

// GET /api/payments: a JSON array; streamed whole unless `limit`/`offset` ask for a page.
const listPayments: LedgerHandler = async (_request, { url }) => {
  const filters = parsePaymentFilters(url.searchParams)
  const db = await getDb()
  if (filters.limit !== undefined || filters.offset !== undefined) return ledgerJson((await pagePayments(db, filters)).map(paymentItem))
  return streamedArray(jsonBatches(streamPayments(db, filters), paymentItem))
}

// GET /api/refunds?payment_id=&refund_id=: a JSON array, streamed like the payments.
const listRefunds: LedgerHandler = async (_request, { url }) => {
  const params = url.searchParams
  const filters = { payment_id: params.get('payment_id') || undefined, refund_id: params.get('refund_id') || undefined }
  const db = await getDb()
  const limit = params.get('limit')
  const offset = params.get('offset')
  if (limit === null && offset === null) return streamedArray(jsonBatches(streamRefunds(db, filters), refundItem))
  const errors: Record<string, string[]> = {}
  if (limit !== null && !/^[1-9]\d{0,8}$/.test(limit)) errors.limit = ['Ensure this value is a positive integer.']
  if (offset !== null && !/^\d{1,9}$/.test(offset)) errors.offset = ['Ensure this value is a non-negative integer.']
  if (Object.keys(errors).length) throw new LedgerValidationError(errors)
  const rows = await refundsQuery(db, filters).orderBy('ledger_refunds.id').limit(Number(limit ?? 100)).offset(Number(offset ?? 0)).execute()
  return ledgerJson(rows.map(refundItem))
}

const P = '/api/payments/'
const R = '/api/refunds/'

export const ledgerRoutes: Route[] = [
  route(ledgerArea, 'GET', P, listPayments),
  // POST /api/payments: charge and record (201, a decline included)
  route(ledgerArea, 'POST', P, writes(idempotentPost('ledger.payments', async (body, { principal }) => paymentDetail(await createPayment(await getDb(), body, actorOf(principal)))))),
  route(ledgerArea, 'GET', `${P}{payment_id}/`, async (_request, { params }) => ledgerJson(paymentDetail(await findPayment(await getDb(), params.payment_id)))),
  // PUT /api/payments/{id}: settle
  route(
    ledgerArea,
    'PUT',
    `${P}{payment_id}/`,
    writes(async (request, { params, principal, bodyLimit }) => ledgerJson(paymentDetail(await updatePayment(await getDb(), params.payment_id, await readBody(request, bodyLimit), actorOf(principal))))),
  ),
  // DELETE /api/payments/{id}: void; answers the payment
  route(ledgerArea, 'DELETE', `${P}{payment_id}/`, writes(async (_request, { params, principal }) => ledgerJson(paymentDetail(await voidPayment(await getDb(), params.payment_id, actorOf(principal)))))),
  route(ledgerArea, 'GET', R, listRefunds),
  // POST /api/refunds: through the one refund service
  route(ledgerArea, 'POST', R, writes(idempotentPost('ledger.refunds', async (body, { principal }) => refundItem(await createRefund(await getDb(), body, actorOf(principal)))))),
  route(ledgerArea, 'GET', `${R}{refund_id}/`, async (_request, { params }) => ledgerJson(refundItem(await getRefund(await getDb(), params.refund_id)))),
]
