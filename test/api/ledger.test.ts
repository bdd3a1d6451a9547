import { describe, expect, inject, it } from 'vitest'
import { api, baseUrl } from '../helpers/api'

// The spec's own request body; the number is the spec's (not Luhn-valid, so DummyPay declines it).
const SPEC_BODY = {
  amount: 50.0,
  payment_method: 'credit_card',
  additional_params: { amount: 50, method: 'credit_card', number: '1234567890123456', name: 'John john', expiration_month: '05', expiration_year: '2028', cvv: '321' },
}
const VISA = '4111111111111111'
const paying = (amount: number | string = 50.0, number = VISA) => ({
  amount,
  payment_method: 'credit_card',
  additional_params: { amount, method: 'credit_card', number, name: 'John john', expiration_month: '05', expiration_year: '2028', cvv: '321' },
})

async function pay(amount: number | string = 50.0, number = VISA) {
  const created = await api('POST', '/api/payments', paying(amount, number))
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body as { payment_id: string; status: string }
}

/** The raw text of an answer, to check numbers are written as the spec writes them (50.0, not "50.00"). */
async function raw(path: string) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Token ${inject('token')}` } })
  return { status: response.status, text: await response.text() }
}

describe('/api/payments', () => {
  it('replays the spec: create, read, list with every filter, full PUT, settle', async () => {
    const declined = await api('POST', '/api/payments', SPEC_BODY)
    expect(declined.status).toBe(201)
    expect(declined.body).toEqual({
      payment_id: expect.stringMatching(/^[A-Z]{40}$/),
      amount: 50.0,
      payment_method: 'credit_card',
      status: 'error',
      settled_at: null,
      settled_amount: null,
      additional_params: { payment: declined.body.payment_id, amount: 50, method: 'credit_card', number: '123456******3456', name: 'John john', expiration_month: '05', expiration_year: '2028' },
    })

    const created = await api('POST', '/api/payments', paying())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ amount: 50.0, payment_method: 'credit_card', status: 'success', settled_at: null, settled_amount: null })
    expect(created.body.additional_params).toEqual({ payment: created.body.payment_id, amount: 50, method: 'credit_card', number: '411111******1111', name: 'John john', expiration_month: '05', expiration_year: '2028' })
    const id = created.body.payment_id

    const detail = await api('GET', `/api/payments/${id}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(created.body)
    const text = await raw(`/api/payments/${id}`)
    expect(text.text).toContain('"amount":50.0,')
    expect(text.text).not.toContain('cvv')

    // The spec's full PUT (echoing the number and cvv) changes nothing and answers the payment.
    const put = await api('PUT', `/api/payments/${id}`, { ...paying(), additional_params: { payment: id, ...paying().additional_params } })
    expect(put.status).toBe(200)
    expect(put.body).toEqual(created.body)

    const settled = await api('PUT', `/api/payments/${id}/`, { status: 'settled', settled_amount: 50 })
    expect(settled.status).toBe(200)
    expect(settled.body).toMatchObject({ payment_id: id, status: 'settled', settled_amount: 50.0, settled_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) })

    const year = new Date().getUTCFullYear()
    const query = `payment_id=${id}&payment_method=credit_card&status=settled&amount_gte=50.0&amount_lte=500.0&created_at_gte=${year - 1}-01-01T00:00:00&created_at_lte=${year + 1}-01-01T00:00:00&settled_at_gte=${year - 1}-01-01T00:00:00&settled_at_lte=${year + 1}-01-01T00:00:00`
    const list = await api('GET', `/api/payments?${query}`)
    expect(list.status).toBe(200)
    expect(list.body).toEqual([{ payment_id: id, amount: 50.0, payment_method: 'credit_card', status: 'settled', settled_at: settled.body.settled_at, settled_amount: 50.0 }])
    // Each filter excludes when it should.
    for (const miss of ['payment_method=mbway', 'status=success', 'amount_gte=50.01', 'amount_lte=49.99', `created_at_lte=${year - 1}-01-01`, `settled_at_gte=${year + 1}-01-01T00:00:00Z`])
      expect((await api('GET', `/api/payments?payment_id=${id}&${miss}`)).body, miss).toEqual([])
    expect((await api('GET', `/api/payments/?payment_id=${id}&limit=1&offset=0`)).body).toHaveLength(1)
  })

  it('names the parameter of every bad filter value and answers 404 {} for unknown ids', async () => {
    for (const [name, value] of [
      ['payment_method', 'cash'],
      ['status', 'paid'],
      ['amount_gte', 'abc'],
      ['amount_lte', '1e5'],
      ['created_at_gte', '2021-02-30'],
      ['created_at_lte', 'yesterday'],
      ['settled_at_gte', '2021-13-01T00:00:00'],
      ['settled_at_lte', '2021-01-01T25:00:00'],
      ['limit', '0'],
      ['offset', '-1'],
    ]) {
      const response = await api('GET', `/api/payments?${name}=${encodeURIComponent(value)}`)
      expect(response.status, name).toBe(400)
      expect(Object.keys(response.body), name).toEqual([name])
    }
    const unknown = await api('GET', '/api/payments/NOSUCHPAYMENT')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({})
    expect((await api('GET', '/api/refunds/NOSUCHREFUND')).body).toEqual({})
    expect((await api('PUT', '/api/payments/NOSUCHPAYMENT', { status: 'settled' })).status).toBe(404)
    expect((await api('DELETE', '/api/payments/NOSUCHPAYMENT')).status).toBe(404)
  })

  it('refuses bad input with the field named, and callers without rights', async () => {
    const cases: [unknown, string][] = [
      [{ ...paying(), amount: 0 }, 'amount'],
      [{ ...paying(), amount: 10.001 }, 'amount'],
      [{ ...paying(), amount: '12,5' }, 'amount'],
      [{ ...paying(), payment_method: 'cash' }, 'payment_method'],
      [{ amount: 10, payment_method: 'credit_card' }, 'additional_params'],
      [{ ...paying(), additional_params: { ...paying().additional_params, number: '4111' } }, 'additional_params'],
      [{ ...paying(), additional_params: { ...paying().additional_params, cvv: '12' } }, 'additional_params'],
      [{ ...paying(), additional_params: { ...paying().additional_params, amount: 49 } }, 'additional_params'],
    ]
    for (const [body, field] of cases) {
      const response = await api('POST', '/api/payments', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(response.body)).toContain(field)
    }
    expect((await api('GET', '/api/payments', undefined, { token: null })).status).toBe(401)
    expect((await api('GET', '/api/refunds', undefined, { token: 'wrong' })).status).toBe(401)
    const viewer = await api('POST', '/api/payments', paying(), { token: inject('viewerToken') })
    expect(viewer.status).toBe(403)
    expect((await api('GET', '/api/payments?limit=1', undefined, { token: inject('viewerToken') })).status).toBe(200)
    expect((await api('PATCH', '/api/payments')).status).toBe(405)
  })

  it('records a declined test card as an error payment that can be neither settled, refunded nor voided', async () => {
    const declined = await pay(25, '4000000000000002')
    expect(declined.status).toBe('error')
    const settle = await api('PUT', `/api/payments/${declined.payment_id}`, { status: 'settled' })
    expect(settle.status).toBe(400)
    expect(settle.body).toHaveProperty('status')
    expect((await api('POST', '/api/refunds', { payment_id: declined.payment_id, amount: 1 })).status).toBe(400)
    expect((await api('DELETE', `/api/payments/${declined.payment_id}`)).status).toBe(400)
  })

  it('settles only status, settled_amount and settled_at', async () => {
    const { payment_id: id } = await pay(80)
    expect((await api('PUT', `/api/payments/${id}`, { amount: 81 })).body).toHaveProperty('amount')
    expect((await api('PUT', `/api/payments/${id}`, { status: 'error' })).body).toHaveProperty('status')
    expect((await api('PUT', `/api/payments/${id}`, { status: 'settled', settled_amount: 80.01 })).body).toHaveProperty('settled_amount')
    expect((await api('PUT', `/api/payments/${id}`, { status: 'settled', settled_at: 'soon' })).body).toHaveProperty('settled_at')
    const settled = await api('PUT', `/api/payments/${id}`, { status: 'settled', settled_amount: 70, settled_at: '2026-01-02T03:04:05' })
    expect(settled.status).toBe(200)
    expect(settled.body).toMatchObject({ status: 'settled', settled_amount: 70.0, settled_at: '2026-01-02T03:04:05.000Z' })
    // Refunds are capped by the settled amount.
    expect((await api('POST', '/api/refunds', { payment_id: id, amount: 70.01 })).status).toBe(400)
    expect((await api('POST', '/api/refunds', { payment_id: id, amount: 70 })).status).toBe(201)
  })

  it('voids a payment with no refunds: answered, gone from the lists, kept in the audit log', async () => {
    const { payment_id: id } = await pay(12.34)
    const voided = await api('DELETE', `/api/payments/${id}/`)
    expect(voided.status).toBe(200)
    expect(voided.body).toMatchObject({ payment_id: id, amount: 12.34, status: 'success' })
    expect((await api('GET', `/api/payments/${id}`)).status).toBe(404)
    expect((await api('GET', `/api/payments?payment_id=${id}`)).body).toEqual([])

    const refunded = await pay(30)
    expect((await api('POST', '/api/refunds', { payment_id: refunded.payment_id, amount: 1 })).status).toBe(201)
    const refused = await api('DELETE', `/api/payments/${refunded.payment_id}`)
    expect(refused.status).toBe(400)
    const settled = await pay(30)
    await api('PUT', `/api/payments/${settled.payment_id}`, { status: 'settled' })
    expect((await api('DELETE', `/api/payments/${settled.payment_id}`)).status).toBe(400)
  })
})

describe('/api/refunds', () => {
  it('replays the spec: create, list by payment_id and refund_id, read', async () => {
    const { payment_id: paymentId } = await pay(100)
    const first = await api('POST', '/api/refunds', { payment_id: paymentId, amount: 20.0 })
    expect(first.status).toBe(201)
    expect(first.body).toEqual({ refund_id: expect.stringMatching(/^[A-Za-z0-9]{40}$/), payment_id: paymentId, amount: 20.0 })
    const second = await api('POST', '/api/refunds/', { payment_id: paymentId, amount: 20.0 })
    expect(second.status).toBe(201)

    expect((await api('GET', `/api/refunds?payment_id=${paymentId}`)).body).toEqual([first.body, second.body])
    expect((await api('GET', `/api/refunds?payment_id=${paymentId}&refund_id=${second.body.refund_id}`)).body).toEqual([second.body])
    expect((await api('GET', `/api/refunds/${first.body.refund_id}`)).body).toEqual(first.body)
    expect((await raw(`/api/refunds/${first.body.refund_id}`)).text).toContain('"amount":20.0}')

    const over = await api('POST', '/api/refunds', { payment_id: paymentId, amount: 60.01 })
    expect(over.status).toBe(400)
    expect(over.body).toEqual({ amount: [expect.stringContaining('60.00')] })
    expect((await api('POST', '/api/refunds', { payment_id: 'NOSUCH', amount: 1 })).body).toHaveProperty('payment_id')
    expect((await api('POST', '/api/refunds', { payment_id: paymentId })).body).toHaveProperty('amount')
    expect((await api('POST', '/api/refunds', { payment_id: paymentId, amount: -5 })).status).toBe(400)
  })

  it('serialises 20 parallel refunds of 10.00 on a 100.00 payment: exactly 10 succeed', async () => {
    const { payment_id: paymentId } = await pay(100)
    const answers = await Promise.all(Array.from({ length: 20 }, () => api('POST', '/api/refunds', { payment_id: paymentId, amount: 10.0 })))
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(10)
    expect(statuses.filter((status) => status === 400)).toHaveLength(10)
    const refunds = await api('GET', `/api/refunds?payment_id=${paymentId}`)
    expect(refunds.body).toHaveLength(10)
  })

  it('answers a retried POST with the same Idempotency-Key once, and refuses the key with another body', async () => {
    const key = `idem-${Date.now()}`
    const headers = { 'idempotency-key': key }
    const first = await api('POST', '/api/payments', paying(33), { headers })
    const again = await api('POST', '/api/payments', paying(33), { headers })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    const other = await api('POST', '/api/payments', paying(34), { headers })
    expect(other.status).toBe(409)

    const refundKey = { 'idempotency-key': `${key}-refund` }
    const refunds = await Promise.all([1, 2, 3].map(() => api('POST', '/api/refunds', { payment_id: first.body.payment_id, amount: 5 }, { headers: refundKey })))
    const done = refunds.filter((answer) => answer.status === 201)
    // Racing retries either replay the first answer or are told it is still in progress: never a second refund.
    expect(new Set(done.map((answer) => answer.body.refund_id)).size).toBe(1)
    expect(refunds.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true)
    expect((await api('GET', `/api/refunds?payment_id=${first.body.payment_id}`)).body).toHaveLength(1)
  })
})
