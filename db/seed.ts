import type { Kysely } from 'kysely'
import type { Database } from './types'
import { seedUsers } from './seed-users'
import { seedPaymentDemo } from './seed-data/payment-demo'
import { seedProducts, seedShoppers, storefrontChannel } from './seed-data/storefront'
import { seedDemoOrders, seedOrganizations } from './seed-data/orders'

export const DEMO_CHANNELS = [
  { name: 'Web Shop', slug: 'web-shop' },
  { name: 'Mobile App', slug: 'mobile-app' },
]

export type SeedOptions = {
  /** Seed the demo payment settings (banks, cards, BINs…) too; off when only users and tokens are wanted. */
  paymentDemo?: boolean
}

/**
 * Demo data: channels, users and the payment settings of a Turkish shop in each demo channel.
 * Idempotent: every insert skips rows that already exist, so seeding twice changes nothing.
 */
export async function seedDatabase(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env, options: SeedOptions = {}) {
  await db
    .insertInto('channels')
    .values(DEMO_CHANNELS)
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .execute()
  if (options.paymentDemo ?? true) {
    const channels = await db
      .selectFrom('channels')
      .select('id')
      .where('slug', 'in', DEMO_CHANNELS.map((channel) => channel.slug))
      .orderBy('id')
      .execute()
    // One transaction per channel: a failed seed leaves no half-filled channel behind.
    for (const channel of channels) await db.transaction().execute((trx) => seedPaymentDemo(trx, channel.id))
    // The demo shop's catalog lives in the storefront channel only.
    const shop = await storefrontChannel(db, env)
    if (shop !== null) await seedProducts(db, shop)
  }
  // Order management: the organization owning the demo channels, its api-key, and demo orders.
  const organizationId = await seedOrganizations(db, env)
  if (options.paymentDemo ?? true) {
    const channels = await db.selectFrom('channels').select('id').where('slug', 'in', DEMO_CHANNELS.map((channel) => channel.slug)).orderBy('id').execute()
    await db.transaction().execute((trx) => seedDemoOrders(trx, organizationId, channels.map((channel) => channel.id)))
  }
  const users = await seedUsers(db, env)
  const shoppers = await seedShoppers(db, env)
  return { users, shoppers }
}
