'use server'

import { sql } from 'kysely'
import { getDb } from '@/db'

/**
 * Whether the database answers now (a `select 1`, given 2 seconds). Asked by the console's error
 * boundaries, whose error may have lost its digest (a page's own query rather than the layout's), to
 * say "temporarily unavailable" rather than "something went wrong". Reveals nothing else, so it needs
 * no session (the sign-in page shows the same).
 */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const db = await getDb()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))
    try {
      await Promise.race([sql`select 1`.execute(db), timeout])
    } finally {
      clearTimeout(timer)
    }
    return true
  } catch {
    return false
  }
}
