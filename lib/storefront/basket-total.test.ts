import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import type { ShopperSession } from '@/lib/auth/shopper-session'
import { basketTotal, findBasketId, sessionBasketTotal, totalStatements } from './basket'

// The basket card lookups find the session's basket and sum it in one statement: for every kind of
// session it must give what finding the basket and then summing it gives, exactly.
describe.each(await testEngines())('the session basket total on $name', ({ available, open }) => {
  let database: TestDatabase
  let shop = 0
  let otherShop = 0
  const sessions: Record<string, ShopperSession> = {}

  beforeAll(async () => {
    if (!available) return
    database = await open('basket-total')
    const { db } = database
    await db.insertInto('organizations').values({ id: 'org', name: 'Org' }).execute()
    ;[shop, otherShop] = (
      await db.insertInto('channels').values([{ name: 'Shop', slug: 'shop', organization_id: 'org' }, { name: 'Other', slug: 'other', organization_id: 'org' }]).returning('id').execute()
    ).map((row) => row.id)
    const [expensive, cheap] = (
      await db
        .insertInto('products')
        .values([
          { channel_id: shop, name: 'Expensive', sku: 'E', price: '999999999.99', currency: 'TRY' },
          { channel_id: shop, name: 'Cheap', sku: 'C', price: '0.10', currency: 'TRY' },
        ])
        .returning('id')
        .execute()
    ).map((row) => row.id)
    const shopper = (await db.insertInto('shoppers').values({ email: 's@example.com', name: 'S', phone: '5550000000', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id
    const basket = async (channel: number, shopperId: number | null, items: [number, number][]) => {
      const id = (await db.insertInto('baskets').values({ channel_id: channel, shopper_id: shopperId, currency: 'TRY', modified_date: '2026-01-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow()).id
      if (items.length) await db.insertInto('basket_items').values(items.map(([product_id, quantity]) => ({ basket_id: id, product_id, quantity }))).execute()
      return id
    }
    const anonymous = await basket(shop, null, [[expensive, 3], [cheap, 7]])
    const empty = await basket(shop, null, [])
    await basket(shop, shopper, [[cheap, 1]])
    const elsewhere = await basket(otherShop, null, [[cheap, 2]])
    Object.assign(sessions, {
      anonymous: { basketId: anonymous },
      empty: { basketId: empty },
      shopper: { shopperId: shopper },
      'shopper with a stale anonymous basket id': { shopperId: shopper, basketId: anonymous },
      "another channel's basket": { basketId: elsewhere },
      'a basket that does not exist': { basketId: 2147483647 },
      'no basket': {},
    })
  }, 90_000)
  afterAll(async () => database?.close())

  it.skipIf(!available)('equals finding the basket and summing it, for every kind of session', async () => {
    const { db } = database
    const totals: Record<string, string | null> = {}
    for (const [name, session] of Object.entries(sessions)) {
      totals[name] = await sessionBasketTotal(db, shop, session)
      expect(totals[name], name).toBe(await basketTotal(db, await findBasketId(db, shop, session)))
    }
    expect(totals).toEqual({
      anonymous: '3000000000.67', // 3 × 999,999,999.99 + 7 × 0.10,
      empty: null,
      shopper: '0.10',
      'shopper with a stale anonymous basket id': '0.10',
      "another channel's basket": null,
      'a basket that does not exist': null,
      'no basket': null,
    })
    expect(await sessionBasketTotal(db, otherShop, sessions["another channel's basket"])).toBe('0.20')
    // Both shapes (a shopper's basket, a visitor's) were compiled once and kept, not compiled per lookup.
    expect(totalStatements.counts()).toEqual({ kept: 2, compiledEachTime: 0 })
  })
})
