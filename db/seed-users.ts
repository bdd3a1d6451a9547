import { type Kysely } from 'kysely'
import { hashPassword } from '../lib/auth/password'
import { hashToken } from '../lib/auth/users-hash'
import type { Database } from './types'

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com'
export const DEFAULT_ADMIN_PASSWORD = 'admin-password'
export const DEFAULT_VIEWER_EMAIL = 'viewer@example.com'
export const DEFAULT_VIEWER_PASSWORD = 'viewer-password'

export function seedCredentials(env: NodeJS.ProcessEnv = process.env) {
  return {
    admin: { email: (env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).toLowerCase(), password: env.ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD },
    viewer: { email: (env.VIEWER_EMAIL || DEFAULT_VIEWER_EMAIL).toLowerCase(), password: env.VIEWER_PASSWORD || DEFAULT_VIEWER_PASSWORD },
  }
}

/** The admin and viewer users and their seeded API tokens. Existing users keep their passwords. */
export async function seedUsers(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env): Promise<{ created: string[] }> {
  const credentials = seedCredentials(env)
  const created: string[] = []
  for (const [role, { email, password }] of Object.entries(credentials) as ['admin' | 'viewer', { email: string; password: string }][]) {
    const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (existing) continue
    await db
      .insertInto('users')
      .values({ email, name: role === 'admin' ? 'Admin' : 'Viewer', role, password_hash: await hashPassword(password) })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .execute()
    created.push(email)
  }
  // Tokens for scripts and tests: SEED_API_TOKEN acts as the admin, SEED_VIEWER_API_TOKEN as the viewer.
  const seededTokens: [string | undefined, string, string][] = [
    [env.SEED_API_TOKEN, credentials.admin.email, 'SEED_API_TOKEN'],
    [env.SEED_VIEWER_API_TOKEN, credentials.viewer.email, 'SEED_VIEWER_API_TOKEN'],
  ]
  for (const [key, email, name] of seededTokens) {
    if (!key) continue
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    await db
      .insertInto('api_tokens')
      .values({ name, token_hash: hashToken(key), prefix: key.slice(0, 8), user_id: user.id })
      .onConflict((conflict) => conflict.column('token_hash').doNothing())
      .execute()
  }
  return { created }
}
