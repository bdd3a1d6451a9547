import 'server-only'
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { requireOmPrincipal, type OmPrincipal } from '@/lib/auth/om-api-key'
import { AppError, ForbiddenError, InvalidError, MethodNotAllowedError, NotFoundError, ParseError, UnauthenticatedError } from '@/lib/http/errors'
import { defineArea } from '@/lib/http/area'
import { TextResponse } from '@/lib/http/respond'
import { ConflictError, GatewayRefusedError, LedgerValidationError, OverRefundError } from '@/lib/ledger/errors'
import { exactJson } from '@/lib/ledger/money'

/**
 * The order-management area (`/v1/om/…`), declared once: `api-key` + `organization-id` auth and the
 * envelope `{app, service, warnings, instanceId, requestId, data}` on every answer, errors included
 * (`data: null`, `error: {code, message, fields}`).
 */
export const APP_NAME = 'payment-console'
/** This server process: host, pid and a boot nonce, so two processes on one host differ. */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`

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

/** The envelope around an answer; `requestId` echoes X-Request-Id (or is made) and is also a header. */
export function envelope(answer: OmAnswer, request: Request): Response {
  const requestId = requestIdOf(request)
  const body = { app: APP_NAME, service: 'om', warnings: [], instanceId: INSTANCE_ID, requestId, ...('data' in answer.payload ? { data: answer.payload.data } : { data: null, error: answer.payload.error }) }
  // A TextResponse: the fast path writes the text itself rather than reading a stream back.
  return new TextResponse(exactJson(body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'cache-control': 'no-store', ...answer.headers },
  })
}

/** The area's one error renderer: every failure, auth and 405 included, in the envelope. */
export function omErrorResponse(error: unknown, request: Request): Response {
  if (error instanceof AppError) return envelope(omErrorAnswer(error), request)
  console.error('Unhandled OM error:', error instanceof Error ? error.stack : error)
  return envelope({ status: 500, payload: { error: { code: 'error', message: 'A server error occurred.', fields: {} } } }, request)
}

/**
 * The order-management area (`/v1/om/…`): `api-key` + `organization-id` (no cookies, so no same-origin
 * rule), the envelope on every answer. Its routes are in lib/om/routes.ts, on the shared route table.
 */
export const omArea = defineArea<OmPrincipal>({
  name: 'om',
  prefixes: ['/v1/om/'],
  authenticate: async (request) => ({ principal: await requireOmPrincipal(request), viaCookie: false }),
  renderError: omErrorResponse,
  limits: { json: 64 * 1024, form: 64 * 1024, upload: 64 * 1024 },
  sameOriginForCookieWrites: false,
})

export const ok = (data: unknown, status = 200): OmAnswer => ({ status, payload: { data } })
