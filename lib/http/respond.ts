import { AppError, MethodNotAllowedError, TooManyRequestsError, UnavailableError } from './errors'
import { isDatabaseUnavailable } from './unavailable'

/**
 * JSON bodies are kept beside their Response so the fast path (lib/http/node.ts) writes the string
 * straight to the socket instead of reading the Response's stream back.
 */
export const jsonText = new WeakMap<Response, string>()

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body)
  const response = new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } })
  jsonText.set(response, text)
  return response
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** DRF's error shapes: the one place an error becomes a response in the DRF-shaped areas (/api/v1, storefront). */
export function errorResponse(error: unknown): Response {
  // Not logged per request: the pool logs an outage once when it starts and once when it ends (db/connection.ts).
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) error = new UnavailableError()
  if (error instanceof AppError) {
    const headers: Record<string, string> = {}
    if (error.status === 401) headers['www-authenticate'] = 'Token'
    if (error instanceof TooManyRequestsError || error instanceof UnavailableError) headers['retry-after'] = String(error.retryAfterSeconds)
    if (error instanceof MethodNotAllowedError && error.allowed.length) headers.allow = error.allowed.join(', ')
    return json(error.body(), error.status, headers)
  }
  // Anything unexpected is logged (without the body) and is a 500.
  console.error('Unhandled API error:', error instanceof Error ? error.stack : error)
  return json({ detail: 'A server error occurred.' }, 500)
}
