import { pgErrorCode } from './errors'

/** SQLSTATE classes and codes that mean "the database is not there right now", not "your input is wrong". */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * A database that is restarting or down (issue 9 #10) is answered 503 with Retry-After by every area's
 * error renderer, on both doors: connection refused/reset, server shutting down or starting, the pool
 * giving up waiting for a connection, a connection that ended mid-query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { code } = pgErrorCode(current)
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
    const message = current instanceof Error ? current.message : ''
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(message)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
