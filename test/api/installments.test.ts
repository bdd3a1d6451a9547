import { describe, expect, it } from 'vitest'
import { api, ISO_MICRO } from '../helpers/api'
import { createCard, today } from '../helpers/fixtures'

const BASE = '/api/v1/installments/'
const FIELDS = ['pk', 'card', 'installment_count', 'label', 'interest_rate', 'is_active', 'config', 'translations', 'modified_date', 'created_date']

async function createInstallment(card: number, count: number, overrides: Record<string, unknown> = {}) {
  const response = await api('POST', BASE, { card, installment_count: count, label: `${count} installments`, ...overrides })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body
}

describe('/api/v1/installments', () => {
  it('creates, reads, lists, updates and deletes an installment as the spec shows', async () => {
    const card = await createCard()
    // The spec's create body (path without the trailing slash, as the spec writes it).
    const created = await api('POST', '/api/v1/installments', {
      card: card.pk,
      installment_count: 99,
      label: '99 installment',
      interest_rate: '0.000000',
      is_active: true,
      config: {},
      translations: null,
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      card: card.pk,
      installment_count: 99,
      label: '99 installment',
      interest_rate: '0.000000',
      is_active: true,
      config: {},
      translations: null,
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual(FIELDS)
    const id = created.body.pk

    const detail = await api('GET', `${BASE}${id}/`)
    expect(detail.body).toEqual(created.body)
    // Spec: ?card=1
    const list = await api('GET', `${BASE}?card=${card.pk}`)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    // The spec's update body.
    const updated = await api('PUT', `${BASE}${id}/`, {
      card: card.pk,
      installment_count: 1,
      label: 'Spot Price',
      interest_rate: '0.000000',
      is_active: true,
      config: {},
      translations: null,
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({
      ...created.body,
      installment_count: 1,
      label: 'Spot Price',
      modified_date: expect.stringMatching(ISO_MICRO),
    })

    // Spec 400: label missing.
    const missing = await api('PUT', `${BASE}${id}/`, { card: card.pk, installment_count: 1, interest_rate: '0.000000' })
    expect(missing.status).toBe(400)
    expect(missing.body).toEqual({ label: ['This field is required.'] })

    const translated = await api('PATCH', `${BASE}${id}/`, { translations: { tr: { label: 'Peşin' } }, config: { min_amount: '10.00' } })
    expect(translated.status).toBe(200)
    expect(translated.body).toMatchObject({ translations: { tr: { label: 'Peşin' } }, config: { min_amount: '10.00' }, label: 'Spot Price' })

    // The spec's DELETE path has no trailing slash.
    expect((await api('DELETE', `${BASE}${id}`)).status).toBe(204)
    expect((await api('GET', `${BASE}${id}/`)).status).toBe(404)
  })

  it('answers a duplicate installment count of a card with 406 installment_100_1', async () => {
    const card = await createCard()
    const one = await createInstallment(card.pk, 1)
    const duplicate = await api('POST', BASE, { card: card.pk, installment_count: 1, label: 'Again' })
    expect(duplicate.status).toBe(406)
    expect(duplicate.body).toEqual({ non_field_errors: 'Installment: 1 already exists.', error_code: 'installment_100_1' })

    const three = await createInstallment(card.pk, 3)
    const onto = await api('PATCH', `${BASE}${three.pk}/`, { installment_count: 1 })
    expect(onto.status).toBe(406)
    expect(onto.body).toEqual({ non_field_errors: 'Installment: 1 already exists.', error_code: 'installment_100_1' })
    const put = await api('PUT', `${BASE}${three.pk}/`, { card: card.pk, installment_count: 1, label: 'x' })
    expect(put.status).toBe(406)
    // Saving a record with its own count is not a duplicate.
    expect((await api('PUT', `${BASE}${one.pk}/`, { card: card.pk, installment_count: 1, label: 'Same' })).status).toBe(200)
    // Another card may have the same count.
    const other = await createCard()
    await createInstallment(other.pk, 1)
    // Moving to a card that already has the count is a duplicate too.
    expect((await api('PATCH', `${BASE}${three.pk}/`, { card: other.pk, installment_count: 1 })).status).toBe(406)
    expect((await api('GET', `${BASE}${three.pk}/`)).body).toEqual(three)
  })

  it('keeps interest rates exact to 6 decimal places', async () => {
    const card = await createCard()
    const cases: [unknown, string][] = [
      ['1.25', '1.250000'],
      [1.25, '1.250000'],
      ['0.000001', '0.000001'],
      ['999999.999999', '999999.999999'],
      [0.1, '0.100000'],
      ['7', '7.000000'],
      ['3.100000', '3.100000'],
    ]
    for (const [index, [input, output]] of cases.entries()) {
      const created = await createInstallment(card.pk, index + 2, { interest_rate: input })
      expect(created.interest_rate, String(input)).toBe(output)
      expect((await api('GET', `${BASE}${created.pk}/`)).body.interest_rate).toBe(output)
    }
    const defaulted = await createInstallment(card.pk, 20)
    expect(defaulted).toMatchObject({ interest_rate: '0.000000', is_active: true, config: {}, translations: null })
  })

  it('filters by card, installment_count, interest_rate and is_active, with lookups', async () => {
    const card = await createCard()
    const a = await createInstallment(card.pk, 2, { interest_rate: '1.25' })
    const b = await createInstallment(card.pk, 6, { interest_rate: '4.5', is_active: false })
    const c = await createInstallment(card.pk, 12, { interest_rate: '10.000001' })
    const pks = (response: { body: { results: { pk: number }[] } }) => response.body.results.map((row) => row.pk)
    const scoped = `card=${card.pk}`
    expect(pks(await api('GET', `${BASE}?${scoped}`))).toEqual([a.pk, b.pk, c.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&interest_rate=1.25`))).toEqual([a.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&interest_rate=1.250000`))).toEqual([a.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&interest_rate__gt=4.5`))).toEqual([c.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&interest_rate__lte=10`))).toEqual([a.pk, b.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&installment_count=6`))).toEqual([b.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&installment_count__gte=6`))).toEqual([b.pk, c.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&is_active=false`))).toEqual([b.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&id__gt=${a.pk}`))).toEqual([b.pk, c.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&modified_date__date=${today()}`))).toEqual([a.pk, b.pk, c.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=-interest_rate`))).toEqual([c.pk, b.pk, a.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=-installment_count&limit=1`))).toEqual([c.pk])

    for (const [query, field] of [
      ['interest_rate=abc', 'interest_rate'],
      ['interest_rate__gte=1e3', 'interest_rate__gte'],
      ['installment_count=two', 'installment_count'],
      ['card=1;DROP TABLE installments', 'card'],
      ['is_active=2', 'is_active'],
      ['ordering=channel', 'ordering'],
    ]) {
      const response = await api('GET', `${BASE}?${query.replace(/ /g, '%20')}`)
      expect(response.status, query).toBe(400)
      expect(Object.keys(response.body), query).toEqual([field])
    }
    // Installments have no channel of their own; the filter is not offered, so it is ignored.
    expect((await api('GET', `${BASE}?${scoped}&channel=2`)).body.count).toBe(3)
  })

  it('refuses bad input with a 400 naming the field and changes nothing', async () => {
    const card = await createCard()
    const existing = await createInstallment(card.pk, 3, { interest_rate: '1.5', config: { min_amount: '100.00', max_amount: '5000' } })
    const valid = { card: card.pk, installment_count: 4, label: 'Four' }
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['count 0', { installment_count: 0 }, { installment_count: ['Ensure this value is greater than or equal to 1.'] }],
      ['count 100', { installment_count: 100 }, { installment_count: ['Ensure this value is less than or equal to 99.'] }],
      ['count text', { installment_count: 'six' }, { installment_count: ['A valid integer is required.'] }],
      ['count fraction', { installment_count: 2.5 }, { installment_count: ['A valid integer is required.'] }],
      ['label blank', { label: '' }, { label: ['This field may not be blank.'] }],
      ['label null', { label: null }, { label: ['This field may not be null.'] }],
      ['label oversize', { label: 'x'.repeat(65) }, { label: ['Ensure this field has no more than 64 characters.'] }],
      ['rate text', { interest_rate: 'ten' }, { interest_rate: ['A valid number is required.'] }],
      ['rate too precise', { interest_rate: '1.1234567' }, { interest_rate: ['Ensure that there are no more than 6 decimal places.'] }],
      ['rate too large', { interest_rate: '1234567' }, { interest_rate: ['Ensure that there are no more than 6 digits before the decimal point.'] }],
      ['rate negative', { interest_rate: '-1' }, { interest_rate: ['Ensure this value is greater than or equal to 0.'] }],
      ['rate exponent', { interest_rate: '1e2' }, { interest_rate: ['A valid number is required.'] }],
      ['rate null', { interest_rate: null }, { interest_rate: ['This field may not be null.'] }],
      ['config a list', { config: [] }, { config: ['Expected a dictionary of items but got type "list".'] }],
      ['config null', { config: null }, { config: ['This field may not be null.'] }],
      ['min_amount a number', { config: { min_amount: 100 } }, { config: ['min_amount: Enter a decimal string with at most 2 decimal places, e.g. "100.00".'] }],
      ['max_amount not decimal', { config: { max_amount: '1,000.00' } }, { config: ['max_amount: Enter a decimal string with at most 2 decimal places, e.g. "100.00".'] }],
      ['min above max', { config: { min_amount: '500.00', max_amount: '99.99' } }, { config: ['min_amount: Must not be greater than max_amount.'] }],
      ['translations a string', { translations: 'hello' }, { translations: ['Value must be valid JSON.'] }],
      ['unknown card', { card: 99999999 }, { card: ['Invalid pk "99999999" - object does not exist.'] }],
      ['channel is not a field', { channel: 1 }, { channel: ['Unknown field.'] }],
    ]
    for (const [label, change, errors] of cases) {
      const created = await api('POST', BASE, { ...valid, ...change })
      expect(created.status, label).toBe(400)
      expect(created.body, label).toEqual(errors)
      const patched = await api('PATCH', `${BASE}${existing.pk}/`, change)
      expect(patched.status, `PATCH ${label}`).toBe(400)
      expect(patched.body, `PATCH ${label}`).toEqual(errors)
    }
    expect((await api('POST', BASE, '{"card": 1, "label": }')).status).toBe(400)
    expect((await api('GET', `${BASE}?card=${card.pk}`)).body.results).toEqual([existing])
  })

  it('describes itself at /schema/', async () => {
    const schema = await api('GET', `${BASE}schema/`)
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual(FIELDS)
    expect(post.installment_count).toMatchObject({ type: 'integer', required: true, min_value: 1, max_value: 99 })
    expect(post.label).toMatchObject({ type: 'string', required: true, max_length: 64 })
    expect(post.interest_rate).toMatchObject({ type: 'decimal', required: false })
    expect(post.translations).toMatchObject({ type: 'json field', required: false })
    expect(Object.keys(schema.body.filters).sort()).toEqual(['card', 'id', 'installment_count', 'interest_rate', 'is_active', 'modified_date', 'pk'])
  })
})
