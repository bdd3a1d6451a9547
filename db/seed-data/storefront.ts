import type { Kysely } from 'kysely'
import { hashPassword } from '../../lib/auth/password'
import type { Database } from '../types'

/**
 * The demo shop (issue 10): products of the storefront channel whose prices sit on both sides of each
 * installment bound of the seed (4+ from 500, 7+ from 1,000, 10+ from 2,000 TRY), with pictures shipped
 * under public/shop-assets, and two demo shoppers.
 */
export const SEED_PRODUCTS = [
  { sku: 'mug-01', name: 'Ceramic Mug', price: '149.90' },
  { sku: 'tote-01', name: 'Linen Tote Bag', price: '249.00' },
  { sku: 'plant-01', name: 'Potted Olive Tree', price: '399.90' },
  { sku: 'teapot-01', name: 'Copper Teapot', price: '499.99' },
  { sku: 'lamp-01', name: 'Brass Desk Lamp', price: '500.00' },
  { sku: 'rug-01', name: 'Kilim Rug', price: '899.00' },
  { sku: 'kettle-01', name: 'Electric Kettle', price: '999.90' },
  { sku: 'chair-01', name: 'Oak Chair', price: '1249.00' },
  { sku: 'speaker-01', name: 'Bluetooth Speaker', price: '1999.99' },
  { sku: 'bike-01', name: 'City Bicycle', price: '2000.00' },
  { sku: 'coffee-01', name: 'Espresso Machine', price: '4999.00' },
  { sku: 'sofa-01', name: 'Three-seat Sofa', price: '12999.00' },
  { sku: 'laptop-01', name: 'Laptop 14"', price: '34999.00' },
  { sku: 'camera-01', name: 'Mirrorless Camera', price: '27499.50' },
] as const

export const DEFAULT_SHOPPER_EMAIL = 'shopper@example.com'
export const DEFAULT_SHOPPER_PASSWORD = 'shopper-password'

export function shopperCredentials(env: NodeJS.ProcessEnv = process.env) {
  return [
    { email: (env.SHOPPER_EMAIL || DEFAULT_SHOPPER_EMAIL).toLowerCase(), password: env.SHOPPER_PASSWORD || DEFAULT_SHOPPER_PASSWORD, name: 'Ayşe Yılmaz', phone: '0555 123 45 67' },
    { email: 'shopper2@example.com', password: 'shopper2-password', name: 'Mehmet Demir', phone: '0532 765 43 21' },
  ]
}

/** The storefront channel: STOREFRONT_CHANNEL (id or slug), default the first channel. */
export async function storefrontChannel(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  const key = env.STOREFRONT_CHANNEL ?? ''
  let query = db.selectFrom('channels').select('id').orderBy('id').limit(1)
  if (/^\d+$/.test(key)) query = query.where('id', '=', Number(key))
  else if (key) query = query.where('slug', '=', key)
  return (await query.executeTakeFirst())?.id ?? null
}

export async function seedProducts(db: Kysely<Database>, channelId: number): Promise<void> {
  await db
    .insertInto('products')
    .values(SEED_PRODUCTS.map((product) => ({ ...product, currency: 'TRY', image: `/shop-assets/products/${product.sku}.svg`, channel_id: channelId })))
    .onConflict((conflict) => conflict.columns(['sku', 'channel_id']).doNothing())
    .execute()
}

/** The demo shoppers; existing ones keep their passwords. Returns the e-mails created now. */
export async function seedShoppers(db: Kysely<Database>, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const created: string[] = []
  for (const shopper of shopperCredentials(env)) {
    const existing = await db.selectFrom('shoppers').select('id').where('email', '=', shopper.email).executeTakeFirst()
    if (existing) continue
    await db
      .insertInto('shoppers')
      .values({ email: shopper.email, name: shopper.name, phone: shopper.phone, password_hash: await hashPassword(shopper.password) })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .execute()
    created.push(shopper.email)
  }
  return created
}
