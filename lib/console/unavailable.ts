/**
 * The digest a console page's error carries when the database did not answer: Next keeps a digest the
 * server set (it replaces every other message in production), so the error boundary can tell "try again
 * in a moment" from "something is broken" without seeing the error itself.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'PM_DATABASE_UNAVAILABLE'

/** Seconds the page suggests (and waits before its own retry), as the API's Retry-After does. */
export const RETRY_AFTER_SECONDS = 2
