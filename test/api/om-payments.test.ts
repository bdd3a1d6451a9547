import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { api } from '../helpers/api'
import { envelope, errorEnvelope, methodId, om, orderByNumber, OTHER_ORGANIZATION } from '../helpers/om'

const PAYMENT_ITEM = {
  type: expect.stringMatching(/^(receipt|refund)$/),
  status: expect.stringMatching(/^(pending|complete|reversed)$/),
  completedAt: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  reversedAt: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  custom: expect.any(Boolean),
  amount: expect.any(Number),
  sourcePaymentId: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  transactionRef: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  attrs: expect.any(Object),
  invoiceId: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  note: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  createdAt: expect.any(String),
  createdVia: expect.any(String),
  createdBy: expect.any(String),
  updatedAt: expect.any(String),
  updatedVia: expect.any(String),
  updatedBy: expect.any(String),
  id: expect.any(String),
  can: expect.any(Array),
  methodUid: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
}
const PAYMENT_METHOD = {
  locales: expect.any(Object),
  visible: expect.any(Boolean),
  createdAt: expect.any(String),
  createdVia: expect.any(String),
  createdBy: expect.any(String),
  updatedAt: expect.any(String),
  updatedVia: expect.any(String),
  updatedBy: expect.any(String),
  id: expect.any(String),
}

function itemsShape(body: any) {
  expect(body).toEqual(envelope({ items: expect.any(Array), paymentMethods: expect.any(Array) }))
  for (const item of body.data.items) expect(item).toEqual(PAYMENT_ITEM)
  for (const method of body.data.paymentMethods) expect(method).toEqual(PAYMENT_METHOD)
}

async function receipt(order: any, overrides: Record<string, unknown> = {}) {
  const created = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'receipt', custom: true, amount: 10, methodId: methodId(order), status: 'complete', ...overrides } })
  expect(created.status, JSON.stringify(created.body)).toBe(200)
  return created.body.data.id as string
}

describe('/v1/om/payments', () => {
  it('replays the spec: create, update, confirm, delete', async () => {
    const order = await orderByNumber('DEMO-1013')
    expect(order.paymentMethods[0]).toEqual(PAYMENT_METHOD)
    expect(order.paymentMethods.find((method: any) => method.locales.tr?.name === 'Kredi Kartı')).toMatchObject({ visible: true, locales: { en: { name: 'Credit Card', description: '' } } })

    const created = await om('POST', '/v1/om/payments', {
      params: { orderId: order.id, type: 'receipt', custom: true, amount: 1, methodId: methodId(order), customerUid: 'text', status: 'complete', transactionRef: 'text', attrs: {}, invoiceId: 'text', note: 'text' },
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual(envelope({ id: expect.any(String) }))

    const pending = await om('POST', '/v1/om/payments', { params: { orderId: order.id, amount: 1, methodId: methodId(order) } })
    const uid = pending.body.data.id
    const patched = await om('PATCH', `/v1/om/payments/${uid}`, {
      params: { id: uid, orderId: order.id, amount: 2, methodId: methodId(order, 'Funds Transfer'), custom: true, correction: false, customerUid: 'text', status: 'pending', transactionRef: 'text', attrs: { bank: 'x' }, note: 'text' },
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    expect(patched.body).toEqual(envelope({ success: true }))

    const confirmed = await om('PATCH', `/v1/om/payments/${uid}/confirm`, { params: { id: uid, orderId: order.id, customerUid: 'text', transactionRef: 'EFT-1', attrs: { ok: true } } })
    expect(confirmed.status).toBe(200)
    itemsShape(confirmed.body)
    const item = confirmed.body.data.items.find((payment: any) => payment.id === uid)
    expect(item).toMatchObject({ type: 'receipt', status: 'complete', amount: 2, transactionRef: 'EFT-1', attrs: { ok: true }, createdVia: 'api', createdBy: 'SEED_OM_API_KEY', can: ['refund', 'delete'] })
    expect(item.completedAt).toMatch(/Z$/)
    const twice = await om('PATCH', `/v1/om/payments/${uid}/confirm`, { params: {} })
    expect(twice.status).toBe(409)
    expect(twice.body).toEqual(errorEnvelope('conflict'))

    const toDelete = await om('POST', '/v1/om/payments/', { params: { orderId: order.id, amount: 3, methodId: methodId(order) } })
    const deleted = await om('DELETE', `/v1/om/payments/${toDelete.body.data.id}`)
    expect(deleted.status).toBe(200)
    itemsShape(deleted.body)
    expect(deleted.body.data.items.map((payment: any) => payment.id)).not.toContain(toDelete.body.data.id)
    expect(deleted.body.data.items.find((payment: any) => payment.id === uid).can).toEqual(['refund', 'delete'])
  })

  it('derives can and paymentStatus from the state', async () => {
    const order = await orderByNumber('DEMO-1012')
    expect(order).toMatchObject({ number: 'DEMO-1012', currency: 'TRY', total: 780, paidAmount: 0, refundedAmount: 0, paymentStatus: 'not_paid' })
    const pending = order.items.find((item: any) => item.status === 'pending')
    expect(pending.can).toEqual(['confirm', 'update', 'delete'])
    await om('PATCH', `/v1/om/payments/${pending.id}/confirm`, { params: {} })
    await om('PATCH', `/v1/om/payments/${pending.id}`, { params: { amount: 700, correction: true } })
    expect((await om('GET', `/v1/om/orders/${order.id}`)).body.data).toMatchObject({ paidAmount: 700, paymentStatus: 'partially_paid' })
    const rest = await receipt(order, { amount: 80 })
    expect((await om('GET', `/v1/om/orders/${order.id}/`)).body.data.paymentStatus).toBe('paid')
    await receipt(order, { amount: 0.01 })
    expect((await om('GET', `/v1/om/orders/${order.id}`)).body.data.paymentStatus).toBe('overpaid')
    const refund = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 80, sourcePaymentId: rest, status: 'complete' } })
    expect(refund.status).toBe(200)
    const after = (await om('GET', `/v1/om/orders/${order.id}`)).body.data
    expect(after).toMatchObject({ refundedAmount: 80, paymentStatus: 'partially_refunded' })
    expect(after.items.find((item: any) => item.id === rest).can).toEqual([])
    // The list shows the same derived amounts, newest first.
    const list = await om('GET', '/v1/om/orders?limit=5&offset=0')
    expect(list.body).toEqual(envelope({ count: expect.any(Number), items: expect.any(Array) }))
    expect(list.body.data.items).toHaveLength(5)
    const dates = list.body.data.items.map((item: any) => item.createdAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect((await om('GET', '/v1/om/orders?limit=0')).status).toBe(400)
  })

  it('filters the orders by their derived payment status, paging and counting in SQL', async () => {
    const all = await om('GET', '/v1/om/orders?limit=100')
    expect(all.status).toBe(200)
    const expected = new Map<string, string[]>()
    for (const item of all.body.data.items) expected.set(item.paymentStatus, [...(expected.get(item.paymentStatus) ?? []), item.id])
    expect(all.body.data.count).toBeLessThanOrEqual(100)
    expect(expected.size).toBeGreaterThanOrEqual(4)
    // Each status: the same orders the unfiltered list derives (the SQL derivation agrees with the code's), counted alike.
    for (const status of ['not_paid', 'partially_paid', 'paid', 'overpaid', 'partially_refunded', 'refunded']) {
      const page = await om('GET', `/v1/om/orders?paymentStatus=${status}&limit=100`)
      expect(page.status).toBe(200)
      expect(page.body.data.items.map((item: any) => item.id)).toEqual(expected.get(status) ?? [])
      expect(page.body.data.count).toBe((expected.get(status) ?? []).length)
    }
    const firstPaid = await om('GET', '/v1/om/orders?paymentStatus=paid&limit=1&offset=1')
    expect(firstPaid.body.data.items.map((item: any) => item.id)).toEqual((expected.get('paid') ?? []).slice(1, 2))
    const bad = await om('GET', '/v1/om/orders?paymentStatus=settled')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ data: null, error: { code: 'validation_error', fields: { paymentStatus: [expect.stringContaining('not_paid')] } } })
  })

  it('refunds a custom receipt as a record, never past what it has left (409)', async () => {
    const order = await orderByNumber('DEMO-1014')
    const source = await receipt(order, { amount: 100 })
    const first = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 60, sourcePaymentId: source, status: 'pending' } })
    expect(first.status).toBe(200)
    const over = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 40.01, sourcePaymentId: source } })
    expect(over.status).toBe(409)
    expect(over.body).toEqual(errorEnvelope('conflict'))
    const exact = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 40, sourcePaymentId: source, status: 'complete' } })
    expect(exact.status).toBe(200)
    // The receipt has refunds: deleting it is a conflict.
    expect((await om('DELETE', `/v1/om/payments/${source}`)).status).toBe(409)
    // A refund needs a complete receipt of the same order.
    const pendingReceipt = (await om('POST', '/v1/om/payments', { params: { orderId: order.id, amount: 5, methodId: methodId(order) } })).body.data.id
    const bad = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 1, sourcePaymentId: pendingReceipt } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields).toHaveProperty('sourcePaymentId')
  })

  it('refunds a gateway-backed receipt through the ledger, and a ledger void reverses its receipt', async () => {
    const order = await orderByNumber('DEMO-1015')
    const card = { amount: 99.99, payment_method: 'credit_card', additional_params: { number: '5555555555554444', name: 'Ada', expiration_month: '01', expiration_year: '2030', cvv: '123' } }
    const charge = await api('POST', '/api/payments', card)
    expect(charge.status).toBe(201)
    const receiptId = await receipt(order, { custom: false, amount: 99.99, transactionRef: charge.body.payment_id })
    const refund = await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 9.99, sourcePaymentId: receiptId, note: 'damaged box' } })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    const ledgerRefunds = await api('GET', `/api/refunds?payment_id=${charge.body.payment_id}`)
    expect(ledgerRefunds.body).toEqual([{ refund_id: expect.any(String), payment_id: charge.body.payment_id, amount: 9.99 }])
    const detail = (await om('GET', `/v1/om/orders/${order.id}`)).body.data
    expect(detail.items.find((item: any) => item.id === refund.body.data.id)).toMatchObject({ type: 'refund', status: 'complete', custom: false, amount: 9.99, sourcePaymentId: receiptId, transactionRef: ledgerRefunds.body[0].refund_id, note: 'damaged box' })
    // The ledger door of the same service writes the OM refund too; over-refund is 409 in OM.
    expect((await api('POST', '/api/refunds', { payment_id: charge.body.payment_id, amount: 80 })).status).toBe(201)
    expect((await om('GET', `/v1/om/orders/${order.id}`)).body.data.items.filter((item: any) => item.sourcePaymentId === receiptId)).toHaveLength(2)
    expect((await om('POST', '/v1/om/payments', { params: { orderId: order.id, type: 'refund', amount: 10.01, sourcePaymentId: receiptId } })).status).toBe(409)
    expect((await om('DELETE', `/v1/om/payments/${receiptId}`)).status).toBe(409)

    const voidable = await api('POST', '/api/payments', card)
    const backed = await receipt(order, { custom: false, amount: 99.99, transactionRef: voidable.body.payment_id })
    expect((await api('DELETE', `/api/payments/${voidable.body.payment_id}`)).status).toBe(200)
    const reversed = (await om('GET', `/v1/om/orders/${order.id}`)).body.data.items.find((item: any) => item.id === backed)
    expect(reversed).toMatchObject({ status: 'reversed', can: [] })
    expect(reversed.reversedAt).toMatch(/Z$/)
  })

  it('checks the rules of PATCH and DELETE', async () => {
    const order = await orderByNumber('DEMO-1017')
    const complete = await receipt(order, { amount: 5 })
    expect((await om('PATCH', `/v1/om/payments/${complete}`, { params: { note: 'late' } })).status).toBe(409)
    expect((await om('PATCH', `/v1/om/payments/${complete}`, { params: { note: 'late', correction: true } })).status).toBe(200)
    const pending = (await om('POST', '/v1/om/payments', { params: { orderId: order.id, amount: 5, methodId: methodId(order) } })).body.data.id
    const mismatch = await om('PATCH', `/v1/om/payments/${pending}`, { params: { id: complete } })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body).toEqual(errorEnvelope('validation_error'))
    expect(mismatch.body.error.fields).toHaveProperty('id')
    expect((await om('PATCH', `/v1/om/payments/${pending}`, { params: { status: 'complete' } })).status).toBe(400)
    expect((await om('PATCH', `/v1/om/payments/${pending}`, { params: { methodId: '999999' } })).body.error.fields).toHaveProperty('methodId')
    // A complete gateway-backed receipt must be refunded, not deleted.
    const gatewayOrder = await orderByNumber('DEMO-1001')
    const seeded = gatewayOrder.items.find((item: any) => item.custom === false && item.status === 'complete')
    expect(seeded.can).toEqual(['refund'])
    expect((await om('DELETE', `/v1/om/payments/${seeded.id}`)).status).toBe(409)
    expect((await om('DELETE', `/v1/om/payments/${complete}`)).status).toBe(200)
    expect((await om('DELETE', `/v1/om/payments/${complete}`)).status).toBe(404)
  })

  it('answers every error in the envelope with the right status and code', async () => {
    const order = await orderByNumber('DEMO-1018')
    const body = { params: { orderId: order.id, amount: 1, methodId: methodId(order) } }
    const noKey = await om('POST', '/v1/om/payments', body, { key: null })
    expect(noKey.status).toBe(401)
    expect(noKey.body).toEqual(errorEnvelope('unauthenticated'))
    expect((await om('POST', '/v1/om/payments', body, { key: 'om_unknown' })).status).toBe(401)
    const noOrganization = await om('POST', '/v1/om/payments', body, { organization: null })
    expect(noOrganization.status).toBe(400)
    expect(noOrganization.body).toEqual(errorEnvelope('validation_error'))
    const wrongOrganization = await om('POST', '/v1/om/payments', body, { organization: OTHER_ORGANIZATION })
    expect(wrongOrganization.status).toBe(403)
    expect(wrongOrganization.body).toEqual(errorEnvelope('forbidden'))
    for (const [params, field] of [
      [{ ...body.params, amount: 0 }, 'amount'],
      [{ ...body.params, amount: 1.001 }, 'amount'],
      [{ ...body.params, amount: 'ten' }, 'amount'],
      [{ ...body.params, methodId: 'nope' }, 'methodId'],
      [{ ...body.params, type: 'charge' }, 'type'],
      [{ ...body.params, status: 'reversed' }, 'status'],
      [{ ...body.params, colour: 'red' }, 'colour'],
    ] as const) {
      const response = await om('POST', '/v1/om/payments', { params })
      expect(response.status, field).toBe(400)
      expect(response.body).toEqual(errorEnvelope('validation_error'))
      expect(response.body.error.fields, field).toHaveProperty(field)
    }
    expect((await om('POST', '/v1/om/payments', { nothing: true })).body.error.fields).toHaveProperty('params')
    const broken = await om('POST', '/v1/om/payments', '{"params": ')
    expect(broken.status).toBe(400)
    expect(broken.body).toEqual(errorEnvelope('validation_error'))
    const missing = await om('PATCH', '/v1/om/payments/no-such-payment/confirm', { params: {} })
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual(errorEnvelope('not_found'))
    const wrongMethod = await om('GET', '/v1/om/payments')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.body.data).toBeNull()
  })

  it('echoes X-Request-Id, or makes one, in the body and the header', async () => {
    const echoed = await om('GET', '/v1/om/orders?limit=1', undefined, { headers: { 'x-request-id': 'req-123' } })
    expect(echoed.body.requestId).toBe('req-123')
    expect(echoed.headers.get('x-request-id')).toBe('req-123')
    const made = await om('GET', '/v1/om/orders?limit=1', undefined, { key: null })
    expect(made.body.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(made.headers.get('x-request-id')).toBe(made.body.requestId)
    expect(made.body.instanceId).toBe(echoed.body.instanceId)
  })

  it('keeps organizations apart: another organization sees nothing of this one', async () => {
    const other = { key: inject('omOtherKey'), organization: OTHER_ORGANIZATION }
    const order = await orderByNumber('DEMO-1019')
    const payment = order.items[0]
    expect((await om('GET', '/v1/om/orders', undefined, other)).body.data).toEqual({ count: 0, items: [] })
    const read = await om('GET', `/v1/om/orders/${order.id}`, undefined, other)
    expect(read.status).toBe(404)
    expect(read.body).toEqual(errorEnvelope('not_found'))
    expect((await om('POST', '/v1/om/payments', { params: { orderId: order.id, amount: 1, methodId: methodId(order) } }, other)).status).toBe(404)
    expect((await om('PATCH', `/v1/om/payments/${payment.id}`, { params: { note: 'x', correction: true } }, other)).status).toBe(404)
    expect((await om('PATCH', `/v1/om/payments/${payment.id}/confirm`, { params: {} }, other)).status).toBe(404)
    expect((await om('DELETE', `/v1/om/payments/${payment.id}`, undefined, other)).status).toBe(404)
    // The other key cannot borrow this organization's id either.
    expect((await om('GET', `/v1/om/orders/${order.id}`, undefined, { key: inject('omOtherKey') })).status).toBe(403)
    // Nothing changed.
    expect((await om('GET', `/v1/om/orders/${order.id}`)).body.data.items).toEqual(order.items)
  })

  it('answers a retried POST with the same Idempotency-Key once; another body is idempotency_mismatch', async () => {
    const order = await orderByNumber('DEMO-1020')
    const before = order.items.length
    const headers = { 'idempotency-key': `om-${Date.now()}` }
    const body = { params: { orderId: order.id, amount: 7.5, methodId: methodId(order), status: 'complete' } }
    const first = await om('POST', '/v1/om/payments', body, { headers })
    const again = await om('POST', '/v1/om/payments', body, { headers: { ...headers, 'x-request-id': 'retry-1' } })
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(again.body.data).toEqual(first.body.data)
    expect(again.body.requestId).toBe('retry-1')
    const other = await om('POST', '/v1/om/payments', { params: { ...body.params, amount: 8 } }, { headers })
    expect(other.status).toBe(409)
    expect(other.body).toEqual(errorEnvelope('idempotency_mismatch'))
    expect((await om('GET', `/v1/om/orders/${order.id}`)).body.data.items).toHaveLength(before + 1)
  })
})
