import 'server-only'
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { requireOmPrincipal, type OmPrincipal } from '@/lib/auth/om-api-key'
import { AppError, ForbiddenError, InvalidError, MethodNotAllowedError, NotFoundError, ParseError, UnauthenticatedError } from '@/lib/http/errors'
import { withRequestContext } from '@/lib/http/request-context'
import { ConflictError, GatewayRefusedError, LedgerValidationError, OverRefundError } from '@/lib/ledger/errors'
import { exactJson } from '@/lib/ledger/money'

/**
 * The order-management area (`/v1/om/…`), declared once: `api-key` + `organization-id` auth and the
 * envelope `{app, service, warnings, instanceId, requestId, data}` on every answer, errors included
 * (`data: null`, `error: {code, message, fields}`). Moving onto the shared route table is one line per route.
 */
export const APP_NAME = 'payment-console'
/** This server process: host, pid and a boot nonce, so two processes on one host differ. */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`

type RouteContext = { params: Promise<Record<string, string>> }
export type OmHandler = (request: Request, context: { params: Record<string, string>; principal: OmPrincipal; requestId: string }) => Promise<OmAnswer>
export type OmAnswer = { status: number; payload: { data: unknown } | { error: OmErrorBody }; headers?: Record<string, string> }
export type OmErrorBody = { code: string; message: string; fields: Record<string, unknown> }

/** `X-Request-Id` when it is a sane token, otherwise a new UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id')?.trim()
  return given && /^[\w.:@/+=-]{1,128}$/.test(given) ? given : randomUUID()
}

export function omErrorAnswer(error: AppError): OmAnswer {
  const fail = (status: number, code: string, message: string, fields: Record<string, unknown> = {}): OmAnswer => ({ status, payload: { error: { code, message, fields } } })
  if (error instanceof InvalidError) return fail(400, 'validation_error', 'The request is not valid.', error.fields)
  if (error instanceof LedgerValidationError) return fail(400, 'validation_error', 'The request is not valid.', error.fields)
  if (error instanceof ParseError) return fail(400, 'validation_error', error.message)
  if (error instanceof UnauthenticatedError) return fail(401, 'unauthenticated', error.message)
  if (error instanceof ForbiddenError) return fail(403, 'forbidden', error.message)
  if (error instanceof NotFoundError) return fail(404, 'not_found', error.message === 'Not found.' ? 'Not found.' : error.message)
  if (error instanceof OverRefundError) return fail(409, 'conflict', error.message, { amount: [error.message] })
  if (error instanceof ConflictError) return fail(409, error.code, error.message)
  if (error instanceof GatewayRefusedError) return fail(409, 'conflict', error.message)
  if (error instanceof MethodNotAllowedError) return { ...fail(405, 'method_not_allowed', error.message), headers: { allow: error.allowed.join(', ') } }
  return fail(error.status, error.status === 415 ? 'validation_error' : 'error', error.message)
}

function envelope(answer: OmAnswer, requestId: string): Response {
  const body = { app: APP_NAME, service: 'om', warnings: [], instanceId: INSTANCE_ID, requestId, ...('data' in answer.payload ? { data: answer.payload.data } : { data: null, error: answer.payload.error }) }
  return new Response(exactJson(body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'cache-control': 'no-store', ...answer.headers },
  })
}

export function omRoute(handler: OmHandler) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request)
    try {
      const principal = await requireOmPrincipal(request)
      const params = (await context?.params) ?? {}
      return envelope(await withRequestContext(request, () => handler(request, { params, principal, requestId })), requestId)
    } catch (error) {
      if (error instanceof AppError) return envelope(omErrorAnswer(error), requestId)
      console.error('Unhandled OM error:', error instanceof Error ? error.stack : error)
      return envelope({ status: 500, payload: { error: { code: 'error', message: 'A server error occurred.', fields: {} } } }, requestId)
    }
  }
}

export function omMethodNotAllowed(...allowed: string[]) {
  return omRoute(async (request) => {
    throw new MethodNotAllowedError(request.method, [...allowed, 'OPTIONS'])
  })
}

export const ok = (data: unknown, status = 200): OmAnswer => ({ status, payload: { data } })
