import { beforeAll, describe, expect, it } from 'vitest'
import { api, CHANNEL } from '../helpers/api'
import { productsBySku, Visitor } from '../helpers/shop'

// The demo seed: BIN 411111 → Paraf (Halkbank, DummyPay, 1.85 % a month, 2–12 installments, 3-D on DummyPay 3-D),
// BIN 555555 → Bankkart Combo (no 3-D); 4+ installments need 500, 7+ need 1,000, 10+ need 2,000 TRY.
const CARD_KEYS = ['pk', 'name', 'slug', 'card_payment_type', 'is_commerce_card', 'bank', 'card_type', 'installments']
const PLAN_KEYS = ['pk', 'installment_count', 'label', 'interest_rate', 'price_with_accrued_interest', 'monthly_price_with_accrued_interest']
const cents = (text: string) => BigInt(text.replace('.', ''))

let products: Record<string, { pk: number; price: string }>

beforeAll(async () => {
  products = await productsBySku(await new Visitor().start())
})

function paraf(page: { results: any[] }) {
  return page.results.find((card) => card.slug === 'paraf')
}

describe('GET /products/ and /products/{pk}/', () => {
  it('lists the demo catalog as a DRF page with images, on both sides of every installment bound', async () => {
    const visitor = new Visitor()
    const page = await visitor.call('GET', '/products/')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ count: expect.any(Number), next: null, previous: null })
    expect(page.body.count).toBeGreaterThanOrEqual(12)
    const prices = page.body.results.map((product: { price: string }) => Number(product.price))
    for (const bound of [500, 1000, 2000]) {
      expect(prices.some((price: number) => price < bound)).toBe(true)
      expect(prices.some((price: number) => price >= bound)).toBe(true)
    }
    const first = page.body.results[0]
    expect(Object.keys(first)).toEqual(['pk', 'name', 'sku', 'price', 'currency', 'image'])
    expect(first.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/shop-assets\/products\/.+\.svg$/)
    const image = await fetch(first.image)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toContain('svg')

    const detail = await visitor.call('GET', `/products/${first.pk}`)
    expect(detail.body).toEqual(first)
    expect((await visitor.call('GET', '/products/999999/')).status).toBe(404)
    const paged = await visitor.call('GET', '/products/?limit=5&page=2')
    expect(paged.body.results).toHaveLength(5)
    expect(paged.body.previous).toMatch(/\/products\/\?limit=5$/)
    expect(paged.body.next).toMatch(/page=3/)
  })
})

describe('GET /payments/cards/product/{pk}/', () => {
  it('answers every card with its plans for the product price, as the spec describes', async () => {
    const visitor = new Visitor()
    const lamp = products['lamp-01'] // 500.00: up to 6 installments
    const response = await visitor.call('GET', `/payments/cards/product/${lamp.pk}/`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ next: null, previous: null })
    expect(response.body.count).toBe(response.body.results.length)
    expect(response.body.count).toBeGreaterThan(10)
    const card = paraf(response.body)
    expect(Object.keys(card)).toEqual(CARD_KEYS)
    expect(card).toMatchObject({ name: 'Paraf', card_payment_type: 'credit', is_commerce_card: false })
    expect(Object.keys(card.bank)).toEqual(['pk', 'name', 'slug', 'logo'])
    expect(card.bank).toMatchObject({ name: 'Halkbank', slug: 'halkbank', logo: expect.stringMatching(/\/shop-assets\/banks\/halkbank\.svg$/) })
    expect(card.card_type).toMatchObject({ name: 'Paraf', slug: 'paraf', logo: expect.stringMatching(/\/shop-assets\/card-types\/paraf\.svg$/) })
    expect(Object.keys(card.installments[0])).toEqual(PLAN_KEYS)
    expect(card.installments.map((plan: any) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6])
    // Default language tr; 500.00 × 1.0925 = 546.25 over 6 → 91.04 a month, the remainder on the first.
    expect(card.installments[0]).toMatchObject({ label: 'Peşin', interest_rate: '0.000000', price_with_accrued_interest: '500.00', monthly_price_with_accrued_interest: '500.00' })
    expect(card.installments[1]).toMatchObject({ label: '2 Taksit', interest_rate: '1.850000', price_with_accrued_interest: '509.25', monthly_price_with_accrued_interest: '254.62' })
    expect(card.installments[5]).toMatchObject({ label: '6 Taksit', interest_rate: '9.250000', price_with_accrued_interest: '546.25', monthly_price_with_accrued_interest: '91.04' })
    // The regular instalment never exceeds total / n and n of them never fall short by n kuruş or more.
    for (const result of response.body.results)
      for (const plan of result.installments) {
        const total = cents(plan.price_with_accrued_interest)
        const monthly = cents(plan.monthly_price_with_accrued_interest)
        const n = BigInt(plan.installment_count)
        expect(monthly * n <= total && total - monthly * n < n).toBe(true)
      }
    // The spec's example pk (123) names no product here.
    expect(await visitor.call('GET', '/payments/cards/product/123/')).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
    expect((await visitor.call('GET', '/payments/cards/product/abc/')).status).toBe(404)
    // Both /x and /x/ answer.
    expect((await visitor.call('GET', `/payments/cards/product/${lamp.pk}`)).body).toEqual(response.body)
  })

  it('respects min_amount bounds on each side and labels by Accept-Language', async () => {
    const visitor = new Visitor()
    const counts = async (sku: string, language?: string) => {
      const response = await visitor.call('GET', `/payments/cards/product/${products[sku].pk}/?bin_number=411111`, undefined, { headers: language ? { 'accept-language': language } : {} })
      expect(response.body.count).toBe(1)
      return paraf(response.body).installments
    }
    expect((await counts('teapot-01')).map((plan: any) => plan.installment_count)).toEqual([1, 2, 3]) // 499.99
    expect((await counts('kettle-01')).map((plan: any) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6]) // 999.90
    expect((await counts('chair-01')).map((plan: any) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]) // 1249.00
    expect((await counts('speaker-01')).map((plan: any) => plan.installment_count)).toHaveLength(9) // 1999.99
    const bike = await counts('bike-01', 'en-US,en;q=0.9') // 2000.00
    expect(bike.map((plan: any) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(bike[0].label).toBe('In Advance')
    // 2000.00 × 1.2035 = 2407.00 over 12 → 200.58 (first 200.62).
    expect(bike[11]).toMatchObject({ label: '12 Installments', interest_rate: '20.350000', price_with_accrued_interest: '2407.00', monthly_price_with_accrued_interest: '200.58' })
    // A language without a translation falls back to the stored label; unsupported ones to tr.
    expect((await counts('bike-01', 'de'))[0].label).toBe('In Advance')
    expect((await counts('bike-01', 'xx'))[0].label).toBe('Peşin')
  })

  it('narrows to the card of ?bin_number= (6 to 8 digits), an 8-digit BIN winning over its 6-digit prefix', async () => {
    const visitor = new Visitor()
    const pk = products['rug-01'].pk
    const only = async (bin: string) => {
      const response = await visitor.call('GET', `/payments/cards/product/${pk}/?bin_number=${bin}`)
      expect(response.status).toBe(200)
      return response.body.results.map((card: any) => card.slug)
    }
    expect(await only('411111')).toEqual(['paraf'])
    expect(await only('4111111')).toEqual(['paraf'])
    expect(await only('55555544')).toEqual(['bankkart-combo'])
    expect(await only('199999')).toEqual([])
    // An 8-digit BIN under 555555 given to another card wins for numbers starting with it.
    const cards = await api('GET', `/api/v1/cards/?channel=${CHANNEL}&limit=100`)
    const bonus = cards.body.results.find((card: any) => card.slug === 'bonus')
    const bin = await api('POST', '/api/v1/bin_numbers/', { bin_number: '55555599', card: bonus.pk, is_active: true, channel: CHANNEL })
    expect(bin.status).toBe(201)
    try {
      expect(await only('55555599')).toEqual(['bonus'])
      expect(await only('555555')).toEqual(['bankkart-combo'])
      expect(await only('55555598')).toEqual(['bankkart-combo'])
    } finally {
      expect((await api('DELETE', `/api/v1/bin_numbers/${bin.body.pk}/`)).status).toBe(204)
    }
    for (const bad of ['12345', '123456789', '41111a'])
      expect(await visitor.call('GET', `/payments/cards/product/${pk}/?bin_number=${bad}`)).toMatchObject({
        status: 400,
        body: { bin_number: ['Enter 6 to 8 digits of the card number.'] },
      })
  })

  it('leaves out inactive installments and shows nothing without an active credit_card payment option', async () => {
    const visitor = new Visitor()
    const pk = products['bike-01'].pk
    const options = await api('GET', `/api/v1/payment_options/?channel=${CHANNEL}&limit=100`)
    const creditCard = options.body.results.find((option: any) => option.payment_type === 'credit_card')
    expect((await api('PATCH', `/api/v1/payment_options/${creditCard.pk}/`, { is_active: false })).status).toBe(200)
    try {
      expect((await visitor.call('GET', `/payments/cards/product/${pk}/`)).body).toEqual({ count: 0, next: null, previous: null, results: [] })
    } finally {
      expect((await api('PATCH', `/api/v1/payment_options/${creditCard.pk}/`, { is_active: true })).status).toBe(200)
    }
    const installments = await api('GET', `/api/v1/installments/?card=${paraf((await visitor.call('GET', `/payments/cards/product/${pk}/`)).body).pk}&limit=100`)
    const twelve = installments.body.results.find((plan: any) => plan.installment_count === 12)
    expect((await api('PATCH', `/api/v1/installments/${twelve.pk}/`, { is_active: false })).status).toBe(200)
    try {
      const plans = paraf((await visitor.call('GET', `/payments/cards/product/${pk}/`)).body).installments
      expect(plans.map((plan: any) => plan.installment_count)).not.toContain(12)
    } finally {
      expect((await api('PATCH', `/api/v1/installments/${twelve.pk}/`, { is_active: true })).status).toBe(200)
    }
  })
})

describe('basket, pre-order and their card lists', () => {
  it('answers count 0 with no basket or pre-order, then plans for the basket and the pre-order totals', async () => {
    const visitor = await new Visitor().start()
    const empty = { count: 0, next: null, previous: null, results: [] }
    expect((await visitor.call('GET', '/payments/cards/basket/')).body).toEqual(empty)
    expect((await visitor.call('GET', '/payments/cards/pre-order/')).body).toEqual(empty)
    expect((await visitor.call('GET', '/baskets/basket/')).body).toEqual({ pk: null, basketitem_set: [], total_amount: '0.00', currency: 'TRY' })
    expect(await visitor.call('GET', '/orders/checkout/')).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
    expect(await visitor.call('POST', '/orders/checkout/')).toMatchObject({ status: 400, body: { non_field_errors: ['The basket is empty.'] } })

    const mug = products['mug-01'] // 149.90
    const added = await visitor.call('POST', '/baskets/basket/', { product: mug.pk, quantity: 2 })
    expect(added.status).toBe(200)
    expect(added.body).toEqual({
      pk: expect.any(Number),
      basketitem_set: [{ product: expect.objectContaining({ pk: mug.pk, sku: 'mug-01', price: '149.90' }), quantity: 2, unit_price: '149.90', total_amount: '299.80' }],
      total_amount: '299.80',
      currency: 'TRY',
    })
    expect((await visitor.call('GET', '/baskets/basket')).body).toEqual(added.body)
    const basketCards = await visitor.call('GET', '/payments/cards/basket/?bin_number=411111')
    expect(paraf(basketCards.body).installments.map((plan: any) => [plan.installment_count, plan.price_with_accrued_interest])).toEqual([
      ['1', '299.80'], ['2', '305.35'], ['3', '310.89'],
    ].map(([count, total]) => [Number(count), total]))

    // Pre-order: shipping below 500, free from 500.
    const preOrder = await visitor.call('POST', '/orders/checkout/')
    expect(preOrder.status).toBe(200)
    expect(preOrder.body).toEqual({ pre_order: { pk: expect.any(Number), basket_total: '299.80', shipping_amount: '29.90', total_amount: '329.70', currency: 'TRY' } })
    expect((await visitor.call('GET', '/orders/checkout/')).body).toEqual(preOrder.body)
    const preOrderCards = await visitor.call('GET', '/payments/cards/pre-order/?bin_number=411111')
    expect(paraf(preOrderCards.body).installments[0].price_with_accrued_interest).toBe('329.70')

    await visitor.call('POST', '/baskets/basket/', { product: products['lamp-01'].pk, quantity: 1 })
    const refreshed = await visitor.call('POST', '/orders/checkout/')
    expect(refreshed.body.pre_order).toEqual({ pk: preOrder.body.pre_order.pk, basket_total: '799.80', shipping_amount: '0.00', total_amount: '799.80', currency: 'TRY' })
    expect(paraf((await visitor.call('GET', '/payments/cards/basket/?bin_number=411111')).body).installments).toHaveLength(6)

    // quantity 0 removes the line; bad input names the field and changes nothing.
    const removed = await visitor.call('POST', '/baskets/basket/', { product: mug.pk, quantity: 0 })
    expect(removed.body.basketitem_set.map((line: any) => line.product.sku)).toEqual(['lamp-01'])
    expect(await visitor.call('POST', '/baskets/basket/', { product: 999999, quantity: 1 })).toMatchObject({ status: 400, body: { product: ['Invalid pk "999999" - object does not exist.'] } })
    expect(await visitor.call('POST', '/baskets/basket/', { product: mug.pk, quantity: -1 })).toMatchObject({ status: 400, body: { quantity: ['Ensure this value is greater than or equal to 0.'] } })
    expect(await visitor.call('POST', '/baskets/basket/', { product: mug.pk })).toMatchObject({ status: 400, body: { quantity: ['This field is required.'] } })
    expect(await visitor.call('POST', '/baskets/basket/', { product: 'x', quantity: 'many' })).toMatchObject({ status: 400 })
    expect((await visitor.call('GET', '/baskets/basket/')).body.total_amount).toBe('500.00')
  })

  it('keeps the anonymous basket when the shopper signs in, and signing out leaves it behind', async () => {
    const visitor = await new Visitor().start()
    await visitor.call('POST', '/baskets/basket/', { product: products['tote-01'].pk, quantity: 3 })
    await visitor.signIn('shopper2@example.com', 'shopper2-password')
    const basket = await visitor.call('GET', '/baskets/basket/')
    expect(basket.body.basketitem_set).toContainEqual(expect.objectContaining({ quantity: 3, product: expect.objectContaining({ sku: 'tote-01' }) }))
    expect((await visitor.call('POST', '/users/logout/')).status).toBe(200)
    expect((await visitor.call('GET', '/baskets/basket/')).body.pk).toBeNull()
    // The same shopper on another device sees the basket.
    const other = await new Visitor().signIn('shopper2@example.com', 'shopper2-password')
    expect((await other.call('GET', '/baskets/basket/')).body.pk).toBe(basket.body.pk)
    await other.call('POST', '/baskets/basket/', { product: products['tote-01'].pk, quantity: 0 })
  })
})

describe('GET /masterpass-js/', () => {
  it('answers the Masterpass POS configuration, empties merchant_id for custom merchants, and 404s when not configured', async () => {
    const visitor = new Visitor()
    const response = await visitor.call('GET', '/masterpass-js/')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      js: 'https://test.masterpassturkiye.com/sdk/mfs-client.min.js',
      client_id: '34700001',
      merchant_id: '34700001',
      s3d_return_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storefront\/3d-secure\/\?provider=masterpass&pos=masterpass$/),
    })
    expect((await visitor.call('GET', '/masterpass-js')).status).toBe(200)

    const pos = (await api('GET', `/api/v1/pos/?channel=${CHANNEL}&limit=100`)).body.results.find((row: any) => row.slug === 'masterpass')
    expect((await api('PATCH', `/api/v1/pos/${pos.pk}/`, { config: { ...pos.config, merchant_type: 'custom' } })).status).toBe(200)
    try {
      expect((await visitor.call('GET', '/masterpass-js/')).body.merchant_id).toBe('')
    } finally {
      expect((await api('PATCH', `/api/v1/pos/${pos.pk}/`, { config: { ...pos.config, merchant_type: 'standard' } })).status).toBe(200)
    }
    const option = (await api('GET', `/api/v1/payment_options/?channel=${CHANNEL}&limit=100`)).body.results.find((row: any) => row.payment_type === 'masterpass')
    expect((await api('PATCH', `/api/v1/payment_options/${option.pk}/`, { is_active: false })).status).toBe(200)
    try {
      expect(await visitor.call('GET', '/masterpass-js/')).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
    } finally {
      expect((await api('PATCH', `/api/v1/payment_options/${option.pk}/`, { is_active: true })).status).toBe(200)
    }
  })
})
