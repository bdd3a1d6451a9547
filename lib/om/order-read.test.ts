import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines, type TestDatabase } from '@/db/test-engines'
import { NotFoundError } from '@/lib/http/errors'
import { exactJson } from '@/lib/ledger/money'
import { orderDetail } from './orders'

// The order read takes the order, its payments and its channel's payment methods in one statement, the
// rows as JSON from the database: amounts must stay exact decimals and timestamps read as the row's own.
describe.each(await testEngines())('the order read on $name', ({ available, open }) => {
  let database: TestDatabase
  beforeAll(async () => {
    if (!available) return
    database = await open('order-read')
    const { db } = database
    await db.insertInto('organizations').values([{ id: 'org', name: 'Org' }, { id: 'other', name: 'Other' }]).execute()
    const channel = (await db.insertInto('channels').values({ name: 'Shop', slug: 'shop', organization_id: 'org' }).returning('id').executeTakeFirstOrThrow()).id
    await db
      .insertInto('payment_options')
      .values([
        { name: 'Card', slug: 'card', payment_type: 'credit_card', sort_order: 2, is_active: true, config: '{}', channel_id: channel, translations: JSON.stringify({ tr: { name: 'Kart' } }), created_date: '2026-01-02T03:04:05.678901Z', modified_date: '2026-01-02T03:04:05Z' },
        { name: 'Cash', slug: 'cash', payment_type: 'cash', sort_order: 1, is_active: false, config: '{}', translations: null as never, channel_id: channel },
      ])
      .execute()
    await db.insertInto('orders').values({ id: 'O1', number: 'N1', organization_id: 'org', channel_id: channel, total: '1000.10', created_at: '2026-03-04T05:06:07.999999Z' }).execute()
    const payment = (id: string, values: Record<string, unknown>) => ({ id, order_id: 'O1', created_via: 'api', created_by: 'test', updated_via: 'api', updated_by: 'test', attrs: JSON.stringify({ plan: { count: 6 } }), ...values })
    await db
      .insertInto('om_payments')
      .values([
        payment('R1', { type: 'receipt', status: 'complete', amount: '999999999999.99', completed_at: '2026-03-04T05:06:08.123456Z', custom: false }),
        payment('R2', { type: 'receipt', status: 'complete', amount: '50.10', completed_at: '2026-03-04T05:06:09Z' }),
        payment('F1', { type: 'refund', status: 'complete', amount: '0.10', source_payment_id: 'R2', completed_at: '2026-03-04T05:06:10.5Z' }),
      ] as never)
      .execute()
  }, 90_000)
  afterAll(async () => database?.close())

  it.skipIf(!available)('reads exact amounts and timestamps, payments oldest first, methods in their order', async () => {
    const detail = await orderDetail(database.db, 'org', 'O1')
    const json = JSON.parse(exactJson(detail).replace(/(":\s*)(\d+\.\d+)/g, '$1"$2"'))
    expect(json).toMatchObject({ id: 'O1', total: '1000.1', paidAmount: '1000000000050.09', refundedAmount: '0.1', paymentStatus: 'partially_refunded', createdAt: '2026-03-04T05:06:07.999Z' })
    expect(json.items.map((item: { id: string }) => item.id)).toEqual(['R1', 'R2', 'F1'])
    expect(json.items[0]).toMatchObject({ amount: '999999999999.99', completedAt: '2026-03-04T05:06:08.123Z', attrs: { plan: { count: 6 } }, custom: false, can: ['refund'] })
    expect(json.items[1]).toMatchObject({ amount: '50.1', completedAt: '2026-03-04T05:06:09.000Z', can: ['refund'] })
    expect(json.items[2]).toMatchObject({ amount: '0.1', sourcePaymentId: 'R2', completedAt: '2026-03-04T05:06:10.500Z' })
    expect(json.paymentMethods.map((method: { locales: unknown; visible: boolean }) => [method.locales, method.visible])).toEqual([
      [{ en: { name: 'Cash', description: '' } }, false],
      [{ tr: { name: 'Kart', description: '' } }, true],
    ])
    expect(json.paymentMethods[1].createdAt).toBe('2026-01-02T03:04:05.678Z')
  })

  it.skipIf(!available)('does not find another organization’s order', async () => {
    await expect(orderDetail(database.db, 'other', 'O1')).rejects.toBeInstanceOf(NotFoundError)
    await expect(orderDetail(database.db, 'org', 'missing')).rejects.toBeInstanceOf(NotFoundError)
  })
})
