import { describe, expect, it } from 'vitest'
import { api } from '../helpers/api'
import { om, orderByNumber } from '../helpers/om'
import { productsBySku, Visitor } from '../helpers/shop'

// The demo checkout over HTTP (issue 12): routing and amounts on the server, 3-D Secure with a signed
// return, declines, exactly-once under parallel Pay, and the records a payment leaves (order, receipt,
// ledger) agreeing to the kuruş.
const VISA_3D = '4111 1111 1111 1111'
const MASTERCARD = '5555555555554444'
const DECLINED = '4000000000000002'
const UNOWNED = '6011000990139424' // Luhn-valid, a BIN the demo data never gives a card
const CARD = { card_holder: 'Ayse Yilmaz', card_month: '12', card_year: '2031', card_cvv: '737' }

async function shopperWithBasket(skus: Record<string, number>, signIn = false, base?: string): Promise<{ visitor: Visitor; preOrder: { pk: number; total_amount: string; basket_total: string } }> {
  const visitor = await new Visitor(base).start()
  if (signIn) await visitor.signIn()
  const products = await productsBySku(visitor)
  for (const [sku, quantity] of Object.entries(skus)) {
    const added = await visitor.call('POST', '/baskets/basket/', { product: products[sku].pk, quantity })
    expect(added.status, added.text).toBe(200)
  }
  const checkout = await visitor.call('POST', '/orders/checkout/')
  expect(checkout.status, checkout.text).toBe(200)
  return { visitor, preOrder: checkout.body.pre_order }
}

function pay(visitor: Visitor, body: Record<string, unknown>, key?: string) {
  return visitor.call('POST', '/storefront/checkout/pay', body, key ? { headers: { 'idempotency-key': key } } : {})
}

async function planTotal(visitor: Visitor, bin: string, count: number): Promise<string> {
  const cards = await visitor.call('GET', `/payments/cards/pre-order/?bin_number=${bin}`)
  const plan = cards.body.results[0].installments.find((item: { installment_count: number }) => item.installment_count === count)
  return plan.price_with_accrued_interest
}

/** The bank page's form, answered with a code: the signed return URL the bank sends the shopper to. */
async function answerBank(visitor: Visitor, redirectUrl: string, code: string, action = 'approve'): Promise<string> {
  const url = new URL(redirectUrl)
  const page = await visitor.call('GET', `${url.pathname}${url.search}`)
  expect(page.status).toBe(200)
  expect(page.text).toContain('3-D Secure')
  const form = new URLSearchParams(url.searchParams)
  form.set('code', code)
  form.set('action', action)
  const response = await fetch(`${url.origin}/storefront/3d-secure/verify`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: url.origin } })
  expect(response.status).toBe(303)
  return response.headers.get('location')!
}

async function ledgerPayment(paymentId: string) {
  const response = await api('GET', `/api/payments/${paymentId}`)
  expect(response.status).toBe(200)
  return response.body
}

describe('3-D Secure payment in 6 installments', () => {
  it('charges the plan’s total once and leaves an order, a receipt and a ledger payment that agree', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'lamp-01': 1, 'mug-01': 1 }, true)
    expect(preOrder.total_amount).toBe('649.90')
    const total = await planTotal(visitor, '411111', 6)
    // 649.90 × (1 + 9.25 %) = 710.01575 → 710.02, computed by the plan, not by the browser.
    expect(total).toBe('710.02')

    const started = await pay(visitor, { pre_order: preOrder.pk, installment_count: 6, card_number: VISA_3D, ...CARD, amount: '1.00' })
    expect(started.status, started.text).toBe(200)
    expect(started.body).toMatchObject({ status: 'three_d', redirect_url: expect.stringContaining('/storefront/3d-secure/') })
    expect(started.text).not.toContain('4111111111111111')
    expect(new URL(started.body.redirect_url).searchParams.get('amount')).toBe(total)

    const back = await answerBank(visitor, started.body.redirect_url, '123456')
    expect(back).toMatch(/^\/storefront\/checkout\/3d-return\?.*result=approved/)
    const returned = await visitor.call('GET', back)
    expect(returned.status, returned.text).toBe(303)
    const resultUrl = returned.headers.get('location')!
    expect(resultUrl).toMatch(/^\/storefront\/checkout\/done\/\d+$/)

    const result = await visitor.call('GET', resultUrl)
    expect(result.status).toBe(200)
    const number = /WEB-\d{6}/.exec(result.text)?.[0]
    expect(number).toBeDefined()
    expect(result.text).toContain('411111******1111')

    const order = await orderByNumber(number!)
    expect(order).toMatchObject({ total: 710.02, paidAmount: 710.02, paymentStatus: 'paid', customerUid: expect.stringMatching(/^shopper-\d+$/) })
    expect(order.items).toHaveLength(1)
    const receipt = order.items[0]
    expect(receipt).toMatchObject({ type: 'receipt', status: 'complete', custom: false, amount: 710.02, createdVia: 'storefront', createdBy: 'shopper@example.com' })
    // The plan, exact, where OM shows the payment: 118.37 + 5 × 118.33 = 649.90 + 60.12 interest = 710.02.
    expect(receipt.attrs).toEqual({
      installmentCount: 6,
      monthlyAmount: '118.33',
      firstInstallmentAmount: '118.37',
      interestAmount: '60.12',
      totalAmount: '710.02',
      maskedCardNumber: '411111******1111',
      posSlug: 'dummypay-3d',
    })
    const creditCard = order.paymentMethods.find((method: { locales: Record<string, { name: string }> }) => method.locales.en?.name === 'Credit Card')
    expect(receipt.methodUid).toBe(creditCard.id)
    const ledger = await ledgerPayment(receipt.transactionRef)
    expect(ledger).toMatchObject({ amount: 710.02, status: 'success', payment_method: 'credit_card' })
    expect(ledger.additional_params.number).toBe('411111******1111')
    expect(ledger.additional_params).not.toHaveProperty('cvv')

    // The basket is empty and its pre-order gone.
    expect((await visitor.call('GET', '/baskets/basket/')).body.basketitem_set).toEqual([])
    expect((await visitor.call('GET', '/orders/checkout/')).status).toBe(404)

    // The same signed return again: refused, nothing more paid.
    const replay = await visitor.call('GET', back)
    expect(replay.status).toBe(409)
    // A retried Pay of the paid pre-order answers the same order, no second charge.
    const again = await pay(visitor, { pre_order: preOrder.pk, installment_count: 6, card_number: VISA_3D, ...CARD })
    expect(again.body).toMatchObject({ status: 'succeeded', order_number: number })
    const list = await api('GET', `/api/payments?amount_gte=710.02&amount_lte=710.02&status=success`)
    expect(list.body.filter((item: { payment_id: string }) => item.payment_id === receipt.transactionRef)).toHaveLength(1)
    const orders = await om('GET', `/v1/om/orders?limit=100`)
    expect(orders.body.data.items.filter((item: { number: string }) => item.number === number)).toHaveLength(1)
  })

  it('refuses a forged return (altered result, amount or signature) and pays nothing; a wrong code declines', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'rug-01': 1 })
    const started = await pay(visitor, { pre_order: preOrder.pk, installment_count: 3, card_number: VISA_3D, ...CARD })
    expect(started.body.status).toBe('three_d')
    const failed = await answerBank(visitor, started.body.redirect_url, '000000')
    expect(failed).toContain('result=failed')

    const forged = new URL(failed, 'http://x')
    forged.searchParams.set('result', 'approved')
    expect((await visitor.call('GET', `${forged.pathname}${forged.search}`)).status).toBe(400)
    const cheaper = new URL(failed, 'http://x')
    cheaper.searchParams.set('amount', '1.00')
    expect((await visitor.call('GET', `${cheaper.pathname}${cheaper.search}`)).status).toBe(400)
    const transaction = forged.searchParams.get('transaction')!
    const unsigned = await visitor.call('GET', `/storefront/checkout/3d-return?transaction=${transaction}&amount=${forged.searchParams.get('amount')}&result=approved`)
    expect(unsigned.status).toBe(400)
    // Someone else's session cannot use this shopper's answer either.
    const stranger = await new Visitor().start()
    expect((await stranger.call('GET', failed)).status).toBe(404)

    const declined = await visitor.call('GET', failed)
    expect(declined.status).toBe(303)
    expect(declined.headers.get('location')).toBe('/storefront/checkout?declined=three_d_failed')
    // The decline is in the ledger as an error; no success carries this amount for this shopper yet.
    const amount = new URL(started.body.redirect_url).searchParams.get('amount')!
    const errors = await api('GET', `/api/payments?status=error&amount_gte=${amount}&amount_lte=${amount}`)
    expect(errors.body.length).toBeGreaterThanOrEqual(1)

    // The pre-order is payable again, and pays.
    const checkout = await visitor.call('GET', '/orders/checkout/')
    expect(checkout.status).toBe(200)
    expect(checkout.body.pre_order.pk).toBe(preOrder.pk)
    const retry = await pay(visitor, { pre_order: preOrder.pk, installment_count: 3, card_number: VISA_3D, ...CARD })
    const back = await answerBank(visitor, retry.body.redirect_url, '123456')
    expect((await visitor.call('GET', back)).status).toBe(303)
    // The failed answer, replayed now, is refused.
    expect((await visitor.call('GET', failed)).status).toBe(409)
  })
})

describe('declines and routing', () => {
  it('a declined card charges nothing, keeps the basket and says why; the pre-order then pays with another card', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'tote-01': 2 })
    const declined = await pay(visitor, { pre_order: preOrder.pk, installment_count: 1, card_number: DECLINED, ...CARD })
    expect(declined.status).toBe(402)
    // The shop's default language is Turkish; Accept-Language picks English.
    expect(declined.body).toMatchObject({ status: 'declined', code: 'card_declined', detail: expect.stringContaining('Bankanız kartı onaylamadı') })
    const english = await visitor.call('POST', '/storefront/checkout/pay', { pre_order: preOrder.pk, installment_count: 1, card_number: DECLINED, ...CARD }, { headers: { 'accept-language': 'en' } })
    expect(english.status).toBe(402)
    expect(english.body.detail).toBe('Your bank declined the card. No money was taken; you can try another card.')
    expect((await visitor.call('GET', '/baskets/basket/')).body.basketitem_set).toHaveLength(1)
    expect((await visitor.call('GET', '/orders/checkout/')).status).toBe(200)

    const paid = await pay(visitor, { pre_order: preOrder.pk, installment_count: 1, card_number: MASTERCARD, ...CARD })
    expect(paid.status, paid.text).toBe(200)
    // 2 × 249.00 + 29.90 shipping (under the free-shipping threshold), single payment, no interest.
    expect(paid.body).toMatchObject({ status: 'succeeded', amount: '527.90' })
    const order = await orderByNumber(paid.body.order_number)
    expect(order).toMatchObject({ total: 527.9, paymentStatus: 'paid' })
    expect(order.items[0].attrs).toMatchObject({ installmentCount: 1, maskedCardNumber: '555555******4444', posSlug: 'dummypay' })
  })

  it('a BIN no card owns pays once through the channel’s default POS; more instalments are refused', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'kettle-01': 1 })
    const refused = await pay(visitor, { pre_order: preOrder.pk, installment_count: 3, card_number: UNOWNED, ...CARD })
    expect(refused).toMatchObject({ status: 400, body: { installment_count: ['This card pays in one instalment only.'] } })
    const paid = await pay(visitor, { pre_order: preOrder.pk, installment_count: 1, card_number: UNOWNED, ...CARD })
    expect(paid.body).toMatchObject({ status: 'succeeded', amount: '999.90' })
    const order = await orderByNumber(paid.body.order_number)
    expect(order.items[0].attrs).toMatchObject({ installmentCount: 1, posSlug: 'dummypay', maskedCardNumber: '601100******9424' })
  })

  it('bad input is a 400 naming each field, changes nothing, and never echoes the card', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'mug-01': 1 })
    const bad = await pay(visitor, { pre_order: preOrder.pk, installment_count: 99, card_number: '4111 1111 1111 1112', card_holder: '', card_month: '13', card_year: '2020', card_cvv: '12' })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body).sort()).toEqual(['card_cvv', 'card_holder', 'card_month', 'card_number', 'installment_count'])
    expect(bad.text).not.toContain('4111')
    expect((await pay(visitor, { installment_count: 1, card_number: MASTERCARD, ...CARD })).body).toEqual({ pre_order: ['This field is required.'] })
    expect((await pay(visitor, { pre_order: preOrder.pk, installment_count: 12, card_number: MASTERCARD, ...CARD })).body).toEqual({
      installment_count: ['This card has no 12-installment plan for this amount.'],
    })
    expect((await visitor.call('POST', '/storefront/checkout/pay', { pre_order: preOrder.pk, card_number: MASTERCARD, ...CARD }, { csrf: null })).status).toBe(403)
    expect((await pay(visitor, { pre_order: preOrder.pk, installment_count: 1, card_number: MASTERCARD, ...CARD }, 'bad key!')).status).toBe(400)
    const stranger = await new Visitor().start()
    expect((await pay(stranger, { pre_order: preOrder.pk, installment_count: 1, card_number: MASTERCARD, ...CARD })).status).toBe(400)
    expect((await visitor.call('GET', '/orders/checkout/')).status).toBe(200)
  })
})

describe('exactly once', () => {
  it('parallel Pay requests of one pre-order (double clicks, retries, other keys) charge once', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'chair-01': 1 })
    const body = { pre_order: preOrder.pk, installment_count: 3, card_number: MASTERCARD, ...CARD }
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => pay(visitor, body, index % 3 === 0 ? 'same-key-000001' : `other-key-${String(index).padStart(6, '0')}`)))
    for (const answer of answers) expect(answer.status, answer.text).toBe(200)
    const numbers = new Set(answers.map((answer) => answer.body.order_number))
    expect(numbers.size).toBe(1)
    const order = await orderByNumber([...numbers][0])
    expect(order.items.filter((item: { type: string }) => item.type === 'receipt')).toHaveLength(1)
    const total = order.total
    const ledger = await api('GET', `/api/payments?amount_gte=${total}&amount_lte=${total}&status=success`)
    expect(ledger.body.filter((item: { payment_id: string }) => item.payment_id === order.items[0].transactionRef)).toHaveLength(1)
    const sameAmount = ledger.body.length
    // A retry after success with the same key answers the same order and moves nothing.
    expect((await pay(visitor, body, 'same-key-000001')).body.order_number).toBe(order.number)
    expect((await api('GET', `/api/payments?amount_gte=${total}&amount_lte=${total}&status=success`)).body.length).toBe(sameAmount)
  })
})

describe('stored card and refunds', () => {
  it('saves the card after a payment with an OTP, pays with it, and refunds partially then fully', async () => {
    const { visitor, preOrder } = await shopperWithBasket({ 'teapot-01': 1 }, true)
    const first = await pay(visitor, { pre_order: preOrder.pk, installment_count: 1, card_number: MASTERCARD, ...CARD, save_card: true, card_name: 'Work Mastercard' })
    expect(first.status, first.text).toBe(200)
    const sent = await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: '0555 123 45 67' })
    expect(sent.status, sent.text).toBe(204)
    const outbox = await api('GET', '/api/v1/sms_outbox/?phone_number=5551234567')
    const code = /\b(\d{6})\b/.exec(outbox.body.results[0].body)![1]
    expect((await visitor.call('POST', '/payments/stored-cards/otp/', { otp: code })).status).toBe(200)
    const saved = (await visitor.call('GET', '/users/saved-cards/')).body.results.find((card: { name: string }) => card.name === 'Work Mastercard')
    expect(saved.masked_card_number).toBe('555555******4444')

    const products = await productsBySku(visitor)
    await visitor.call('POST', '/baskets/basket/', { product: products['speaker-01'].pk, quantity: 1 })
    const second = (await visitor.call('POST', '/orders/checkout/')).body.pre_order
    const total = await planTotal(visitor, '555555', 6)
    const paid = await pay(visitor, { pre_order: second.pk, installment_count: 6, stored_card: saved.pk })
    expect(paid.body).toMatchObject({ status: 'succeeded', amount: total })
    const order = await orderByNumber(paid.body.order_number)
    expect(order.items[0].attrs).toMatchObject({ installmentCount: 6, maskedCardNumber: '555555******4444', posSlug: 'dummypay' })
    // Someone else's saved card is not found.
    const stranger = await shopperWithBasket({ 'mug-01': 1 })
    expect((await pay(stranger.visitor, { pre_order: stranger.preOrder.pk, installment_count: 1, stored_card: saved.pk })).status).toBe(400)

    // Refunds through the one refund service: the order's payment status follows, never more than paid.
    const paymentId = order.items[0].transactionRef
    expect((await api('POST', '/api/refunds', { payment_id: paymentId, amount: 100 })).status).toBe(201)
    expect((await orderByNumber(order.number)).paymentStatus).toBe('partially_refunded')
    const restCents = Math.round(order.total * 100) - 10000
    const tooMuch = await api('POST', '/api/refunds', { payment_id: paymentId, amount: (restCents + 1) / 100 })
    expect(tooMuch.status, JSON.stringify(tooMuch.body)).toBe(400)
    expect((await api('POST', '/api/refunds', { payment_id: paymentId, amount: restCents / 100 })).status).toBe(201)
    const refunded = await orderByNumber(order.number)
    expect(refunded.paymentStatus).toBe('refunded')
    expect(refunded.items.filter((item: { type: string; sourcePaymentId: string }) => item.type === 'refund' && item.sourcePaymentId === order.items[0].id)).toHaveLength(2)
  })
})

