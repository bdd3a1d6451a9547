import { sql, type Kysely } from 'kysely'
import { readRows } from '@/db/connection'
import { KeptStatements } from '@/db/kept-statements'
import type { Database } from '@/db/types'
import type { ShopperSession } from '@/lib/auth/shopper-session'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { productView, type ProductView } from './catalog'
import { formatMinor, toMinor } from './money'
import { storefrontSettings } from './settings'

/**
 * Baskets: a signed-in shopper's is found by shopper and channel, an anonymous visitor's by the id kept in
 * the sealed session. Reading never writes: a basket row exists only from its first change.
 */
export interface BasketView {
  pk: number | null
  basketitem_set: { product: ProductView; quantity: number; unit_price: string; total_amount: string }[]
  total_amount: string
  currency: string
}

type Db = Kysely<Database>

/** Whose basket a session names: a signed-in shopper's (by shopper) or a visitor's (by the id it keeps); null for none. */
type BasketOwner = { by: 'shopper' | 'visitor'; id: number }

function basketOwner(session: ShopperSession): BasketOwner | null {
  if (session.shopperId) return { by: 'shopper', id: session.shopperId }
  if (session.basketId) return { by: 'visitor', id: session.basketId }
  return null
}

/** The basket of that owner in a channel. */
function ownedBasket(db: Db, channelId: number, owner: BasketOwner) {
  const baskets = db.selectFrom('baskets').where('baskets.channel_id', '=', channelId)
  return owner.by === 'shopper'
    ? baskets.where('baskets.shopper_id', '=', owner.id)
    : baskets.where('baskets.id', '=', owner.id).where('baskets.shopper_id', 'is', null)
}

export async function findBasketId(db: Db, channelId: number, session: ShopperSession): Promise<number | null> {
  const owner = basketOwner(session)
  if (!owner) return null
  const row = await ownedBasket(db, channelId, owner).select('baskets.id').executeTakeFirst()
  return row?.id ?? null
}

export async function basketView(db: Db, basketId: number | null): Promise<BasketView> {
  if (basketId === null) return { pk: null, basketitem_set: [], total_amount: '0.00', currency: 'TRY' }
  const [basket, items] = await Promise.all([
    db.selectFrom('baskets').select(['id', 'currency']).where('id', '=', basketId).executeTakeFirstOrThrow(),
    db
      .selectFrom('basket_items')
      .innerJoin('products', 'products.id', 'basket_items.product_id')
      .select(['products.id', 'products.name', 'products.sku', 'products.price', 'products.currency', 'products.image', 'basket_items.quantity'])
      .where('basket_items.basket_id', '=', basketId)
      .orderBy('basket_items.id')
      .execute(),
  ])
  let total = 0n
  const lines = items.map((item) => {
    const line = toMinor(item.price) * BigInt(item.quantity)
    total += line
    return { product: productView(item), quantity: item.quantity, unit_price: item.price, total_amount: formatMinor(line) }
  })
  return { pk: basket.id, basketitem_set: lines, total_amount: formatMinor(total), currency: basket.currency }
}

/** The exact total of a basket's items, as text (null for no items). */
const itemsTotal = sql<string | null>`sum(products.price * basket_items.quantity)::numeric(14, 2)::text`

/** The basket total as a decimal string, or null when there is no basket or it is empty. */
export async function basketTotal(db: Db, basketId: number | null): Promise<string | null> {
  if (basketId === null) return null
  const row = await db
    .selectFrom('basket_items')
    .innerJoin('products', 'products.id', 'basket_items.product_id')
    .select(itemsTotal.as('total'))
    .where('basket_items.basket_id', '=', basketId)
    .executeTakeFirst()
  return row?.total ?? null
}

/** sessionBasketTotal's statements, by whose basket it sums (exported for its test). */
export const totalStatements = new KeptStatements(2)

/**
 * The total of the session's basket in the channel, found and summed in one statement (the card lookups'
 * first round trip): null when the session has no basket there or an empty one.
 */
export async function sessionBasketTotal(db: Db, channelId: number, session: ShopperSession): Promise<string | null> {
  const owner = basketOwner(session)
  if (!owner) return null
  // Two shapes (a shopper's basket, a visitor's), each compiled once: building it was a twentieth of a lookup.
  const statement = totalStatements.statement(owner.by, [channelId, owner.id, 1], () =>
    ownedBasket(db, channelId, owner)
      .leftJoin('basket_items', 'basket_items.basket_id', 'baskets.id')
      .leftJoin('products', 'products.id', 'basket_items.product_id')
      .select(itemsTotal.as('total'))
      .groupBy('baskets.id')
      .limit(1)
      .compile(),
  )
  const [row] = await readRows<{ total: string | null }>(db, statement, { prepared: true })
  return row?.total ?? null
}

function parseItem(input: unknown): { product: number; quantity: number } {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const errors: Record<string, string[]> = {}
  const product = typeof body.product === 'string' && /^\d+$/.test(body.product) ? Number(body.product) : body.product
  const quantity = typeof body.quantity === 'string' && /^\d+$/.test(body.quantity) ? Number(body.quantity) : body.quantity
  if (product === undefined || product === null || product === '') errors.product = ['This field is required.']
  else if (typeof product !== 'number' || !Number.isInteger(product) || product < 1 || product > 2147483647)
    errors.product = [`Incorrect type. Expected pk value, received ${typeof product === 'number' ? 'number' : typeof product}.`]
  if (quantity === undefined || quantity === null || quantity === '') errors.quantity = ['This field is required.']
  else if (typeof quantity !== 'number' || !Number.isInteger(quantity)) errors.quantity = ['A valid integer is required.']
  else if (quantity < 0) errors.quantity = ['Ensure this value is greater than or equal to 0.']
  else if (quantity > 999) errors.quantity = ['Ensure this value is less than or equal to 999.']
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { product: product as number, quantity: quantity as number }
}

/**
 * `POST /baskets/basket/ {product, quantity}`: sets that product's quantity (0 removes). Returns the
 * basket and, for an anonymous visitor's first change, the session that now names the new basket.
 */
export async function setBasketItem(db: Db, channelId: number, session: ShopperSession, input: unknown): Promise<{ basket: BasketView; session?: ShopperSession }> {
  const item = parseItem(input)
  return db.transaction().execute(async (trx) => {
    const product = await trx.selectFrom('products').select(['id', 'currency']).where('id', '=', item.product).where('channel_id', '=', channelId).executeTakeFirst()
    if (!product) throw new InvalidError({ product: [`Invalid pk "${item.product}" - object does not exist.`] })
    let basketId = await findBasketId(trx, channelId, session)
    let nextSession: ShopperSession | undefined
    if (basketId === null) {
      if (item.quantity === 0) return { basket: await basketView(trx, null) }
      const created = await trx
        .insertInto('baskets')
        .values({ channel_id: channelId, shopper_id: session.shopperId ?? null, currency: product.currency })
        .onConflict((conflict) => conflict.columns(['shopper_id', 'channel_id']).where('shopper_id', 'is not', null).doUpdateSet({ modified_date: sql`now()` }))
        .returning('id')
        .executeTakeFirstOrThrow()
      basketId = created.id
      if (!session.shopperId) nextSession = { ...session, basketId }
    }
    const basket = await trx.selectFrom('baskets').select('currency').where('id', '=', basketId).forUpdate().executeTakeFirstOrThrow()
    if (basket.currency !== product.currency) throw new InvalidError({ product: [`The basket is in ${basket.currency}; this product is priced in ${product.currency}.`] })
    if (item.quantity === 0) {
      await trx.deleteFrom('basket_items').where('basket_id', '=', basketId).where('product_id', '=', item.product).execute()
    } else {
      await trx
        .insertInto('basket_items')
        .values({ basket_id: basketId, product_id: item.product, quantity: item.quantity })
        .onConflict((conflict) => conflict.columns(['basket_id', 'product_id']).doUpdateSet({ quantity: item.quantity }))
        .execute()
    }
    await trx.updateTable('baskets').set({ modified_date: sql`now()` }).where('id', '=', basketId).execute()
    return { basket: await basketView(trx, basketId), session: nextSession }
  })
}

/** Signing in keeps the basket: the anonymous one becomes the shopper's, or its lines join theirs. */
export async function adoptBasket(db: Db, channelId: number, anonymousBasketId: number | undefined, shopperId: number): Promise<void> {
  if (!anonymousBasketId) return
  await db.transaction().execute(async (trx) => {
    const anonymous = await trx
      .selectFrom('baskets')
      .select('id')
      .where('id', '=', anonymousBasketId)
      .where('shopper_id', 'is', null)
      .where('channel_id', '=', channelId)
      .forUpdate()
      .executeTakeFirst()
    if (!anonymous) return
    const own = await trx.selectFrom('baskets').select('id').where('shopper_id', '=', shopperId).where('channel_id', '=', channelId).forUpdate().executeTakeFirst()
    if (!own) {
      await trx.updateTable('baskets').set({ shopper_id: shopperId, modified_date: sql`now()` }).where('id', '=', anonymous.id).execute()
      return
    }
    const lines = await trx.selectFrom('basket_items').select(['product_id', 'quantity']).where('basket_id', '=', anonymous.id).execute()
    if (lines.length)
      await trx
        .insertInto('basket_items')
        .values(lines.map((line) => ({ basket_id: own.id, product_id: line.product_id, quantity: line.quantity })))
        .onConflict((conflict) => conflict.columns(['basket_id', 'product_id']).doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') })))
        .execute()
    await trx.deleteFrom('baskets').where('id', '=', anonymous.id).execute()
  })
}

export interface PreOrderView {
  pk: number
  basket_total: string
  shipping_amount: string
  total_amount: string
  currency: string
}

function preOrderView(row: { id: number; basket_total: string; shipping_amount: string; total_amount: string; currency: string }): PreOrderView {
  return { pk: row.id, basket_total: row.basket_total, shipping_amount: row.shipping_amount, total_amount: row.total_amount, currency: row.currency }
}

/** `POST /orders/checkout/`: creates or refreshes the pre-order of the current basket. */
export async function checkoutPreOrder(db: Db, basketId: number | null): Promise<PreOrderView> {
  const empty = () => new InvalidError({ non_field_errors: ['The basket is empty.'] })
  if (basketId === null) throw empty()
  return db.transaction().execute(async (trx) => {
    const basket = await trx.selectFrom('baskets').select(['id', 'currency']).where('id', '=', basketId).forUpdate().executeTakeFirstOrThrow()
    const total = await basketTotal(trx, basket.id)
    if (total === null) throw empty()
    const basketMinor = toMinor(total)
    const shipping = basketMinor >= toMinor(storefrontSettings.freeShippingFrom()) ? 0n : toMinor(storefrontSettings.shippingFee())
    const values = {
      basket_total: formatMinor(basketMinor),
      shipping_amount: formatMinor(shipping),
      total_amount: formatMinor(basketMinor + shipping),
      currency: basket.currency,
    }
    const row = await trx
      .insertInto('pre_orders')
      .values({ basket_id: basket.id, ...values })
      .onConflict((conflict) => conflict.column('basket_id').doUpdateSet({ ...values, modified_date: sql`now()` }))
      .returning(['id', 'basket_total', 'shipping_amount', 'total_amount', 'currency'])
      .executeTakeFirstOrThrow()
    return preOrderView(row)
  })
}

export async function findPreOrder(db: Db, basketId: number | null): Promise<PreOrderView | null> {
  if (basketId === null) return null
  const row = await db
    .selectFrom('pre_orders')
    .select(['id', 'basket_total', 'shipping_amount', 'total_amount', 'currency'])
    .where('basket_id', '=', basketId)
    .executeTakeFirst()
  return row ? preOrderView(row) : null
}

export async function getPreOrder(db: Db, basketId: number | null): Promise<PreOrderView> {
  const found = await findPreOrder(db, basketId)
  if (!found) throw new NotFoundError()
  return found
}
