import 'server-only'
import { isDatabaseUnavailable } from '@/lib/http/unavailable'
import { DATABASE_UNAVAILABLE_DIGEST, notePageOutage } from './unavailable'

/**
 * Runs a page's (or layout's) data loading; a database outage becomes an error with the digest the
 * console's error boundaries recognise (lib/console/unavailable.ts). Anything else is rethrown as is.
 */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error
    notePageOutage()
    throw Object.assign(new Error('The database is not answering.', { cause: error }), { digest: DATABASE_UNAVAILABLE_DIGEST })
  }
}
