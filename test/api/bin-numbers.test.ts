import { describe, expect, it } from 'vitest'
import { api, CHANNEL, ISO_MICRO, OTHER_CHANNEL } from '../helpers/api'
import { binAllocator, createCard, today } from '../helpers/fixtures'

const BASE = '/api/v1/bin_numbers/'

const bins = binAllocator(2)
const bin = (length: 6 | 8 = 6) => (length === 6 ? bins.six() : bins.eight())[0]

async function createBin(card: number, value: string, overrides: Record<string, unknown> = {}) {
  const response = await api('POST', BASE, { bin_number: value, card, channel: CHANNEL, ...overrides })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body
}

describe('/api/v1/bin_numbers', () => {
  it('creates, reads, lists, updates and deletes a BIN as the spec shows', async () => {
    const card = await createCard()
    const number = bin()
    // The spec's create body.
    const created = await api('POST', BASE, { bin_number: number, card: card.pk, is_active: true, channel: CHANNEL })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      bin_number: number,
      card: card.pk,
      is_active: true,
      channel: CHANNEL,
      bin_number_length: '6',
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual(['pk', 'bin_number', 'card', 'is_active', 'channel', 'bin_number_length', 'modified_date', 'created_date'])
    const id = created.body.pk

    const detail = await api('GET', `${BASE}${id}/`)
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(created.body)

    // Spec: ?card=1
    const list = await api('GET', `${BASE}?card=${card.pk}`)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    // The spec's PATCH body (all fields), then a partial one.
    const next = bin()
    const patched = await api('PATCH', `${BASE}${id}/`, { bin_number: next, card: card.pk, is_active: true, channel: CHANNEL })
    expect(patched.status).toBe(200)
    expect(patched.body).toEqual({ ...created.body, bin_number: next, modified_date: expect.stringMatching(ISO_MICRO) })
    const eight = bin(8)
    const longer = await api('PATCH', `${BASE}${id}/`, { bin_number: eight, is_active: false })
    expect(longer.body).toMatchObject({ bin_number: eight, bin_number_length: '8', is_active: false })
    const put = await api('PUT', `${BASE}${id}/`, { bin_number: next, card: card.pk, channel: CHANNEL })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ bin_number: next, bin_number_length: '6', is_active: false })

    const removed = await api('DELETE', `${BASE}${id}/`)
    expect(removed.status).toBe(204)
    expect((await api('GET', `${BASE}${id}/`)).status).toBe(404)
  })

  it('answers the unique set and the 406s of the spec', async () => {
    const card = await createCard()
    const first = await createBin(card.pk, bin())
    const duplicate = await api('POST', BASE, { bin_number: first.bin_number, card: card.pk, channel: CHANNEL })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body).toEqual({ non_field_errors: ['The fields bin_number, channel must make a unique set.'] })

    const otherCard = await createCard(OTHER_CHANNEL)
    // The same BIN on another channel is fine.
    expect((await api('POST', BASE, { bin_number: first.bin_number, card: otherCard.pk, channel: OTHER_CHANNEL })).status).toBe(201)

    const incompatible = await api('POST', BASE, { bin_number: bin(), card: otherCard.pk, channel: CHANNEL })
    expect(incompatible.status).toBe(406)
    expect(incompatible.body).toEqual({ non_field_errors: `Channel: Web Shop ${otherCard.name} channel incompatible.`, error_code: 'bin_number_100_3' })
    const repoint = await api('PATCH', `${BASE}${first.pk}/`, { card: otherCard.pk })
    expect(repoint.status).toBe(406)
    expect(repoint.body.error_code).toBe('bin_number_100_3')

    const moved = await api('PATCH', `${BASE}${first.pk}/`, { channel: OTHER_CHANNEL, card: otherCard.pk })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of BinNumber: ${first.bin_number} cannot change.`, error_code: 'bin_number_100_2' })

    const second = await createBin(card.pk, bin())
    const clash = await api('PATCH', `${BASE}${second.pk}/`, { bin_number: first.bin_number })
    expect(clash.status).toBe(400)
    expect((await api('GET', `${BASE}${first.pk}/`)).body).toEqual(first)
    expect((await api('GET', `${BASE}${second.pk}/`)).body).toEqual(second)
  })

  it('filters on the serializer fields and bin_number_length, with lookups and ordering', async () => {
    const card = await createCard()
    const six = await createBin(card.pk, bin(6))
    const eight = await createBin(card.pk, bin(8), { is_active: false })
    const pks = (response: { body: { results: { pk: number }[] } }) => response.body.results.map((row) => row.pk)
    const scoped = `card=${card.pk}`
    expect(pks(await api('GET', `${BASE}?${scoped}`))).toEqual([six.pk, eight.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&bin_number_length=8`))).toEqual([eight.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&bin_number_length=6`))).toEqual([six.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&is_active=false`))).toEqual([eight.pk])
    expect(pks(await api('GET', `${BASE}?bin_number=${six.bin_number}&channel=${CHANNEL}`))).toEqual([six.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&id__gte=${eight.pk}`))).toEqual([eight.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&modified_date__date=${today()}`))).toEqual([six.pk, eight.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&created_date__lt=2000-01-01`))).toEqual([])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=-bin_number_length`))).toEqual([eight.pk, six.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=-pk`))).toEqual([eight.pk, six.pk])

    for (const [query, field] of [
      ['bin_number_length=7', 'bin_number_length'],
      ['card=x', 'card'],
      ['is_active=unknown', 'is_active'],
      ['id__lte=1.5', 'id__lte'],
      ['ordering=card__name', 'ordering'],
    ]) {
      const response = await api('GET', `${BASE}?${query}`)
      expect(response.status, query).toBe(400)
      expect(Object.keys(response.body), query).toEqual([field])
    }
    const injection = await api('GET', `${BASE}?bin_number=${encodeURIComponent("1' OR '1'='1")}`)
    expect(injection.status).toBe(200)
    expect(injection.body.count).toBe(0)
  })

  it('refuses anything but 6 or 8 digits (never a full card number) and other bad input, changing nothing', async () => {
    const card = await createCard()
    const existing = await createBin(card.pk, bin())
    const message = { bin_number: ['Ensure this value is a BIN number of 6 or 8 digits.'] }
    const cases: [string, unknown, Record<string, unknown>][] = [
      ['5 digits', { bin_number: '12345' }, message],
      ['7 digits', { bin_number: '1234567' }, message],
      ['9 digits', { bin_number: '123456789' }, { bin_number: ['Ensure this field has no more than 8 characters.'] }],
      ['a full card number', { bin_number: '4111111111111111' }, { bin_number: ['Ensure this field has no more than 8 characters.'] }],
      ['letters', { bin_number: 'abcdef' }, message],
      ['inner space', { bin_number: '123 56' }, message],
      ['a sign', { bin_number: '-12345' }, message],
      ['a number with 5 digits', { bin_number: 12345 }, message],
      ['null', { bin_number: null }, { bin_number: ['This field may not be null.'] }],
      ['blank', { bin_number: '' }, { bin_number: ['This field may not be blank.'] }],
      ['unknown card', { card: 99999999 }, { card: ['Invalid pk "99999999" - object does not exist.'] }],
      ['card of wrong type', { card: 'five' }, { card: ['Incorrect type. Expected pk value, received str.'] }],
      ['is_active not boolean', { is_active: 'nope' }, { is_active: ['Must be a valid boolean.'] }],
      ['read-only length is ignored, unknown key is not', { bin_number_length: '8', cvv: '123' }, { cvv: ['Unknown field.'] }],
    ]
    for (const [label, change, errors] of cases) {
      const created = await api('POST', BASE, { bin_number: bin(), card: card.pk, channel: CHANNEL, ...(change as object) })
      expect(created.status, label).toBe(400)
      expect(created.body, label).toEqual(errors)
      const patched = await api('PATCH', `${BASE}${existing.pk}/`, change)
      expect(patched.status, `PATCH ${label}`).toBe(400)
      expect(patched.body, `PATCH ${label}`).toEqual(errors)
    }
    expect((await api('POST', BASE, 'bin_number=123456')).status).toBe(400)
    expect((await api('GET', `${BASE}?card=${card.pk}`)).body.results).toEqual([existing])
  })

  it('describes itself at /schema/', async () => {
    const schema = await api('GET', `${BASE}schema/`)
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual(['pk', 'bin_number', 'card', 'is_active', 'channel', 'bin_number_length', 'modified_date', 'created_date'])
    expect(post.bin_number).toEqual({ type: 'string', required: true, read_only: false, label: 'Bin number', max_length: 8 })
    expect(post.bin_number_length).toMatchObject({ read_only: true, required: false })
    expect(schema.body.filters.bin_number_length).toEqual({ type: 'ChoiceFilter', lookup_types: ['exact'], choices: ['6', '8'] })
    expect(Object.keys(schema.body.filters).sort()).toEqual([
      'bin_number', 'bin_number_length', 'card', 'channel', 'created_date', 'id', 'is_active', 'modified_date', 'pk',
    ])
  })
})
