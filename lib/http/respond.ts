import { AppError, MethodNotAllowedError, TooManyRequestsError } from './errors'

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** The one place an error becomes a response; anything unexpected is logged (without the body) and is a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {}
    if (error.status === 401) headers['www-authenticate'] = 'Token'
    if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds)
    if (error instanceof MethodNotAllowedError && error.allowed.length) headers.allow = error.allowed.join(', ')
    return json(error.body(), error.status, headers)
  }
  console.error('Unhandled API error:', error instanceof Error ? error.stack : error)
  return json({ detail: 'A server error occurred.' }, 500)
}
