import 'server-only'
import type { Principal } from '@/lib/auth/principal'
import { assertCanWrite } from '@/lib/auth/principal'
import { requireApiPrincipal } from '@/lib/auth/current'
import { AppError, MethodNotAllowedError, NotFoundError } from '@/lib/http/errors'
import { withRequestContext } from '@/lib/http/request-context'
import { errorResponse } from '@/lib/http/respond'
import { exactJson } from './money'

/**
 * The ledger area (`/api/payments`, `/api/refunds`), declared once: the /api/v1 credentials (API token
 * or console session; writes need an admin) and DRF-shaped errors, except that not found is `404 {}`
 * as the spec says ("an empty result"). Moving onto the shared route table is one line per route.
 */
type RouteContext = { params: Promise<Record<string, string>> }
export type LedgerHandler = (request: Request, context: { params: Record<string, string>; principal: Principal }) => Promise<Response>

export function ledgerRoute(handler: LedgerHandler, options: { write?: boolean } = {}) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const principal = await requireApiPrincipal(request)
      if (options.write) assertCanWrite(principal)
      const params = (await context?.params) ?? {}
      return await withRequestContext(request, () => handler(request, { params, principal }))
    } catch (error) {
      return ledgerError(error)
    }
  }
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
  return new Response(exactJson(body), { status, headers: { 'content-type': 'application/json' } })
}

/** A JSON array written batch by batch as the database yields them: constant memory however long. */
export function streamedArray<T>(batches: AsyncGenerator<T[]>, render: (item: T) => unknown): Response {
  const encoder = new TextEncoder()
  let first = true
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
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
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })
}

export function idempotencyKey(request: Request): string | null {
  return request.headers.get('idempotency-key')
}

/** Whose keys these are: one caller's key never answers another's request. */
export function keyOwner(principal: Principal): string {
  return principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`
}

export function ledgerMethodNotAllowed(...allowed: string[]) {
  const methods = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS']
  return ledgerRoute(async (request) => {
    throw new MethodNotAllowedError(request.method, methods)
  })
}
