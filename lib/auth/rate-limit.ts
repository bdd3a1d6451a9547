import 'server-only'
import { sql } from 'kysely'
import { getDb } from '@/db'

// Kept in the database, not in memory, so any number of app servers share the count.
const WINDOW_MINUTES = 15
const LIMITS = { account: 5, ip: 20 }

export async function loginThrottled(email: string, ip: string): Promise<boolean> {
  const db = await getDb()
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', sql<number>`count(*)`.as('count')])
    .where('key', 'in', [`account:${email}`, `ip:${ip}`])
    .where('at', '>', sql<string>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .groupBy('key')
    .execute()
  return rows.some((row) => Number(row.count) >= (row.key.startsWith('account:') ? LIMITS.account : LIMITS.ip))
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  const db = await getDb()
  await db.insertInto('login_attempts').values([{ key: `account:${email}` }, { key: `ip:${ip}` }]).execute()
  await db.deleteFrom('login_attempts').where('at', '<', sql<string>`now() - interval '1 day'`).execute()
}

export async function clearFailedLogins(email: string): Promise<void> {
  const db = await getDb()
  await db.deleteFrom('login_attempts').where('key', '=', `account:${email}`).execute()
}
