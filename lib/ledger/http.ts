import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { assertCanWrite } from '@/lib/auth/principal'
import { authenticateApiRequest } from '@/lib/auth/current'
import { defineArea, type RouteHandler } from '@/lib/http/area'
import { AppError, NotFoundError } from '@/lib/http/errors'
import { errorResponse } from '@/lib/http/respond'
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
  return new Response(exactJson(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
}

/** A JSON array written batch by batch as the database yields them: constant memory however long. */
export function streamedArray<T>(batches: AsyncGenerator<T[]>, render: (item: T) => unknown): Response {
  const encoder = new TextEncoder()
  let first = true
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('['))
    },
    async pull(controller) {
      try {
        const next = await batches.next()
        if (next.done) {
          controller.enqueue(encoder.encode(']'))
          controller.close()
          return
        }
        let chunk = ''
        for (const item of next.value) {
          chunk += (first ? '' : ',') + exactJson(render(item))
          first = false
        }
        controller.enqueue(encoder.encode(chunk))
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

export function idempotencyKey(request: Request): string | null {
  return request.headers.get('idempotency-key')
}

/** Whose keys these are: one caller's key never answers another's request. */
export function keyOwner(principal: Principal): string {
  return principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`
}
