import type { Kysely } from 'kysely'
import { migrateToLatest } from './migrate'
import { seedDatabase } from './seed'
import { seedCredentials } from './seed-users'
import { shopperCredentials } from './seed-data/storefront'
import type { Database } from './types'

/** At start: migrate, seed an empty database, and say how to sign in when users were just created. */
export async function prepareDatabase(db: Kysely<Database>, log: (line: string) => void = console.log) {
  const applied = await migrateToLatest(db)
  if (applied.length) log(`Database migrated: ${applied.join(', ')}`)
  const empty = !(await db.selectFrom('channels').select('id').limit(1).executeTakeFirst())
  if (empty || process.env.SEED_API_TOKEN || process.env.SEED_VIEWER_API_TOKEN || process.env.SEED_OM_API_KEY) {
    // Demo payment settings only into an empty database: a restart must not bring back records an admin deleted.
    const { users, shoppers } = await seedDatabase(db, process.env, { paymentDemo: empty })
    if (empty) log('Demo data seeded.')
    if (users.created.length) {
      const credentials = seedCredentials()
      log(`Sign in as ${credentials.admin.email} / ${credentials.admin.password} (admin) or ${credentials.viewer.email} / ${credentials.viewer.password} (viewer).`)
    }
    if (shoppers.length) {
      const list = shopperCredentials().map((shopper) => `${shopper.email} / ${shopper.password}`)
      log(`Storefront at /storefront: demo shoppers ${list.join(' and ')}.`)
    }
  }
}
