import { describe, expect, it } from 'vitest'
import { api, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'
import { expectRefusedAndUnchanged } from '../fixtures/payments'

const option = (overrides: Record<string, unknown> = {}) => ({
  name: 'New Option',
  slug: uid('new-option'),
  payment_type: 'credit_card',
  sort_order: 0,
  is_active: false,
  config: {},
  translations: null,
  channel: CHANNEL,
  ...overrides,
})

async function createOption(overrides: Record<string, unknown> = {}) {
  const created = await api('POST', '/api/v1/payment_options/', option(overrides))
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body
}

describe('/api/v1/payment_options', () => {
  it('creates, reads, lists, updates and deletes a payment option as the spec shows', async () => {
    const body = option()
    const created = await api('POST', '/api/v1/payment_options/', body)
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      name: 'New Option',
      slug: body.slug,
      payment_type: 'credit_card',
      sort_order: 0,
      is_active: false,
      config: {},
      translations: null,
      channel: CHANNEL,
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual([
      'pk', 'name', 'slug', 'payment_type', 'sort_order', 'is_active', 'config', 'translations', 'channel', 'modified_date', 'created_date',
    ])
    const id = created.body.pk
    expect(await api('GET', `/api/v1/payment_options/${id}/`)).toMatchObject({ status: 200, body: created.body })

    const slug = uid('debit_card')
    const updated = await api('PUT', `/api/v1/payment_options/${id}/`, {
      pk: id, name: 'Debit Card', slug, payment_type: 'credit_card', sort_order: 0, is_active: false, config: {}, translations: null, channel: CHANNEL,
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({ ...created.body, name: 'Debit Card', slug, modified_date: expect.stringMatching(ISO_MICRO) })

    expect((await api('DELETE', `/api/v1/payment_options/${id}/`)).status).toBe(204)
    expect((await api('GET', `/api/v1/payment_options/${id}/`)).status).toBe(404)
  })

  it('lists the spec examples, filtered by channel, slug, name, payment_type and is_active', async () => {
    const slug = uid('remintment')
    const remintment = await createOption({
      name: 'Remintment',
      slug,
      payment_type: 'funds_transfer',
      sort_order: 2,
      is_active: true,
      config: { pos_slug: 'ME', rule: { params: {}, klass: 'omnishop.payments.rules.StoredCardRequiredRule' } },
    })
    expect(remintment.config).toEqual({ pos_slug: 'ME', rule: { params: {}, klass: 'omnishop.payments.rules.StoredCardRequiredRule' } })

    const unicode = await createOption({ name: `ödemeseçeneği ${slug}`, slug: `ödeme-seçeneği-${slug}`, payment_type: 'pay_on_delivery' })
    const query = new URLSearchParams({ slug: unicode.slug, name: unicode.name })
    const byUnicode = await api('GET', `/api/v1/payment_options/?${query}`)
    expect(byUnicode.body).toEqual({ count: 1, next: null, previous: null, results: [unicode] })

    const list = (params: Record<string, string>) =>
      api('GET', `/api/v1/payment_options/?${new URLSearchParams({ id__gte: String(remintment.pk), ...params })}`).then((r) => {
        expect(r.status).toBe(200)
        return r.body.results.map((row: { pk: number }) => row.pk)
      })
    expect(await list({ channel: String(CHANNEL) })).toEqual([unicode.pk, remintment.pk])
    expect(await list({ channel: String(OTHER_CHANNEL) })).toEqual([])
    expect(await list({ slug })).toEqual([remintment.pk])
    expect(await list({ name: 'Remintment' })).toEqual([remintment.pk])
    expect(await list({ payment_type: 'funds_transfer' })).toEqual([remintment.pk])
    expect(await list({ payment_type: 'pay_on_delivery' })).toEqual([unicode.pk])
    expect(await list({ is_active: 'true' })).toEqual([remintment.pk])
    expect(await list({ is_active: 'false' })).toEqual([unicode.pk])
    expect(await list({ slug: "x' OR '1'='1" })).toEqual([])
    expect(await list({ name: '%' })).toEqual([])
  })

  it('orders by sort_order, then pk, unless asked otherwise', async () => {
    const third = await createOption({ sort_order: 2 })
    const first = await createOption({ sort_order: 0 })
    const second = await createOption({ sort_order: 1 })
    const alsoFirst = await createOption({ sort_order: 0 })
    const ids = (extra = '') =>
      api('GET', `/api/v1/payment_options/?id__gte=${third.pk}${extra}`).then((r) => r.body.results.map((row: { pk: number }) => row.pk))
    expect(await ids()).toEqual([first.pk, alsoFirst.pk, second.pk, third.pk])
    expect(await ids('&ordering=-sort_order')).toEqual([third.pk, second.pk, alsoFirst.pk, first.pk])
    expect(await ids('&ordering=pk')).toEqual([third.pk, first.pk, second.pk, alsoFirst.pk])
  })

  it('answers the unique-set 400 and the channel-change 406 payment_option_101 of the spec', async () => {
    const existing = await createOption({ slug: uid('new-option') })
    const duplicate = await api('POST', '/api/v1/payment_options/', option({ slug: existing.slug }))
    expect(duplicate).toMatchObject({ status: 400, body: { non_field_errors: ['The fields slug, channel must make a unique set.'] } })
    const other = await createOption({ slug: uid('other') })
    const clash = await api('PATCH', `/api/v1/payment_options/${other.pk}/`, { slug: existing.slug })
    expect(clash).toMatchObject({ status: 400, body: { non_field_errors: ['The fields slug, channel must make a unique set.'] } })

    const moved = await api('PUT', `/api/v1/payment_options/${existing.pk}/`, option({ slug: existing.slug, channel: OTHER_CHANNEL }))
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of PaymentOption ${existing.slug} cannot change.`, error_code: 'payment_option_101' })
    expect((await api('GET', `/api/v1/payment_options/${existing.pk}/`)).body).toEqual(existing)
  })

  it('keeps translations and defaults sort_order, is_active and config', async () => {
    const created = await api('POST', '/api/v1/payment_options/', {
      name: 'Kapıda Ödeme', slug: uid('pay-on-delivery'), payment_type: 'pay_on_delivery', channel: CHANNEL,
      translations: { en: { name: 'Pay on delivery' }, tr: { name: 'Kapıda Ödeme' } },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      sort_order: 0, is_active: true, config: {}, translations: { en: { name: 'Pay on delivery' }, tr: { name: 'Kapıda Ödeme' } },
    })
    const patched = await api('PATCH', `/api/v1/payment_options/${created.body.pk}/`, { translations: null, is_active: 'false', sort_order: '3' })
    expect(patched.body).toMatchObject({ translations: null, is_active: false, sort_order: 3 })
  })

  it('describes itself at /schema/', async () => {
    const schema = await api('GET', '/api/v1/payment_options/schema/')
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual([
      'pk', 'name', 'slug', 'payment_type', 'sort_order', 'is_active', 'config', 'translations', 'channel', 'modified_date', 'created_date',
    ])
    expect(post.payment_type).toMatchObject({ type: 'choice', required: true, label: 'Payment type' })
    expect(post.payment_type.choices).toEqual(
      expect.arrayContaining([
        { value: 'credit_card', display_name: 'Credit Card' },
        { value: 'funds_transfer', display_name: 'Funds Transfer' },
        { value: 'cash_register', display_name: 'Cash Register' },
        { value: 'pay_on_delivery', display_name: 'Pay On Delivery' },
        { value: 'masterpass', display_name: 'Masterpass' },
        { value: 'stored_card', display_name: 'Stored Card' },
        { value: 'loyalty_money', display_name: 'Loyalty Money' },
        { value: 'gpay', display_name: 'GarantiPay' },
        { value: 'bkm_express', display_name: 'BKM Express' },
      ]),
    )
    expect(post.sort_order).toMatchObject({ type: 'integer', required: false })
    expect(post.is_active).toMatchObject({ type: 'boolean', required: false })
    expect(post.translations).toMatchObject({ type: 'json field', required: false })
    expect(Object.keys(schema.body.filters)).toEqual(['id', 'channel', 'modified_date', 'pk', 'slug', 'name', 'payment_type', 'is_active'])
    expect(schema.body.filters.is_active).toEqual({ type: 'BooleanFilter', lookup_types: ['exact'] })
  })

  it('refuses bad input with a 4xx naming the field and changes nothing', async () => {
    const existing = await createOption({ config: { pos_slug: 'ME' } })
    await expectRefusedAndUnchanged('/api/v1/payment_options/', existing.pk, [
      { name: 'malformed JSON', method: 'PUT', raw: '{"name": "x"', status: 400, field: 'detail' },
      { name: 'body is a string', method: 'POST', body: '"just text"', status: 400, field: 'non_field_errors' },
      { name: 'unknown payment type', method: 'PATCH', body: { payment_type: 'bitcoin' }, status: 400, field: 'payment_type' },
      { name: 'sort_order not a number', method: 'PATCH', body: { sort_order: 'first' }, status: 400, field: 'sort_order' },
      { name: 'sort_order negative', method: 'PATCH', body: { sort_order: -1 }, status: 400, field: 'sort_order' },
      { name: 'sort_order too large', method: 'PATCH', body: { sort_order: 2 ** 31 }, status: 400, field: 'sort_order' },
      { name: 'sort_order fractional', method: 'PATCH', body: { sort_order: 1.5 }, status: 400, field: 'sort_order' },
      { name: 'is_active not a boolean', method: 'PATCH', body: { is_active: 'maybe' }, status: 400, field: 'is_active' },
      { name: 'config is a list', method: 'PATCH', body: { config: ['a'] }, status: 400, field: 'config' },
      { name: 'config null', method: 'PATCH', body: { config: null }, status: 400, field: 'config' },
      { name: 'translations is a list', method: 'PATCH', body: { translations: [] }, status: 400, field: 'translations' },
      { name: 'translations with a bad language', method: 'PATCH', body: { translations: { 'en; drop': { name: 'x' } } }, status: 400, field: 'translations' },
      { name: 'translations not texts', method: 'PATCH', body: { translations: { en: { name: 5 } } }, status: 400, field: 'translations' },
      { name: 'name too long', method: 'PATCH', body: { name: 'n'.repeat(65) }, status: 400, field: 'name' },
      { name: 'unknown key', method: 'PATCH', body: { PK: 5, colour: 'red' }, status: 400, field: 'colour' },
      { name: 'unknown channel', method: 'POST', body: option({ channel: 999999 }), status: 400, field: 'channel' },
      { name: 'missing payment type', method: 'POST', body: option({ payment_type: undefined }), status: 400, field: 'payment_type' },
    ], `channel=${CHANNEL}`)
    for (const query of ['is_active=maybe', 'payment_type=bitcoin', 'channel=1%27', 'id__lt=x', `slug=${'s'.repeat(300)}`]) {
      expect((await api('GET', `/api/v1/payment_options/?${query}`)).status, query).toBe(400)
    }
  })
})
