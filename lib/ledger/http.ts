import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { assertCanWrite } from '@/lib/auth/principal'
import { authenticateApiRequest } from '@/lib/auth/current'
import { defineArea, type RouteHandler } from '@/lib/http/area'
import { AppError, NotFoundError } from '@/lib/http/errors'
import { errorResponse, TextResponse } from '@/lib/http/respond'
import { exactJson } from './money'

/**
 * The ledger area (`/api/payments`, `/api/refunds`), declared once: the /api/v1 credentials (API token
 * or console session) and DRF-shaped errors, except that not found is `404 {}` as the spec says ("an
 * empty result"). Its routes are in lib/ledger/routes.ts, on the shared route table.
 */
export const ledgerArea = defineArea<Principal>({
  name: 'ledger',
  prefixes: ['/api/payments/', '/api/refunds/'],
  authenticate: authenticateApiRequest,
  renderError: ledgerError,
  limits: { json: 64 * 1024, form: 64 * 1024, upload: 64 * 1024 },
  sameOriginForCookieWrites: true,
})

export type LedgerHandler = RouteHandler<Principal>

/** Writes need an admin (a viewer's token or session reads only). */
export const writes =
  (handler: LedgerHandler): LedgerHandler =>
  (request, context) => {
    assertCanWrite(context.principal)
    return handler(request, context)
  }

export function ledgerError(error: unknown): Response {
  if (error instanceof NotFoundError) return ledgerJson({}, 404)
  return errorResponse(error)
}

/** The stored answer of a thrown error, for idempotent replays. */
export function ledgerErrorAnswer(error: AppError): { status: number; body: string } {
  if (error instanceof NotFoundError) return { status: 404, body: '{}' }
  return { status: error.status, body: JSON.stringify(error.body()) }
}

export function ledgerJson(body: unknown, status = 200): Response {
  return textResponse(exactJson(body), status)
}

/** A JSON text answer the fast path writes as a string (no stream built and read back). */
function textResponse(text: string, status = 200): Response {
  return new TextResponse(text, { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
}

/**
 * A JSON array written batch by batch as the database yields them: constant memory however long. Each
 * batch is its items' JSON joined by commas. A list that ends within its first batch (what filters usually
 * leave) is answered as one text, which costs the server far less than a stream; longer lists stream.
 */
export async function streamedArray(batches: AsyncGenerator<string>): Promise<Response> {
  const head = await batches.next()
  if (head.done) return textResponse('[]')
  const second = await batches.next()
  if (second.done) return textResponse(`[${head.value}]`)
  const encoder = new TextEncoder()
  let pending: string | null = `[${head.value},${second.value}`
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (pending !== null) {
          controller.enqueue(encoder.encode(pending))
          pending = null
          return
        }
        const next = await batches.next()
        if (next.done) {
          controller.enqueue(encoder.encode(']'))
          controller.close()
          return
        }
        controller.enqueue(encoder.encode(`,${next.value}`))
      } catch (error) {
        console.error('Ledger stream failed:', error instanceof Error ? error.message : error)
        controller.error(error)
      }
    },
    async cancel() {
      await batches.return(undefined)
    },
  })
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
}

/** Batches of rows as `streamedArray` takes them: each batch's items (`render`) as JSON joined by commas. */
export async function* jsonBatches<T>(batches: AsyncGenerator<T[]>, render: (item: T) => unknown): AsyncGenerator<string> {
  // One exactJson per batch, its brackets cut off: half the cost of one per item.
  for await (const rows of batches) yield exactJson(rows.map(render)).slice(1, -1)
}

export function idempotencyKey(request: Request): string | null {
  return request.headers.get('idempotency-key')
}

/** Whose keys these are: one caller's key never answers another's request. */
export function keyOwner(principal: Principal): string {
  return principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`
}
