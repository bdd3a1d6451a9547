/**
 * The digest a console page's error carries when the database did not answer: Next keeps a digest the
 * server set (it replaces every other message in production), so the error boundary can tell "try again
 * in a moment" from "something is broken" without seeing the error itself.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'PM_DATABASE_UNAVAILABLE'

/** Seconds the page suggests (and waits before its own retry), as the API's Retry-After does. */
export const RETRY_AFTER_SECONDS = 2

/** How long after a page met the outage a failed page answer is called an outage (503), not a crash. */
const OUTAGE_WINDOW_MS = 5_000
const state = globalThis as { __pmPageOutageAt?: number }

/**
 * A page's data loading met a database that does not answer. Next gives a page no way to set its own
 * status, so the custom server (scripts/server.ts) turns the 500 Next then writes into 503 with
 * Retry-After while this is recent. Process-wide, on purpose: during an outage every page fails alike.
 */
export function notePageOutage(now = Date.now()): void {
  state.__pmPageOutageAt = now
}

export function pageOutageIsRecent(now = Date.now()): boolean {
  return state.__pmPageOutageAt !== undefined && now - state.__pmPageOutageAt < OUTAGE_WINDOW_MS
}
