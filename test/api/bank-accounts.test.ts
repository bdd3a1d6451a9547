import { describe, expect, it } from 'vitest'
import { api, baseUrl, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'
import { createBank, makeIban, spaced, today } from '../helpers/fixtures'

const BASE = '/api/v1/bank_accounts/'

async function createAccount(bank: number, overrides: Record<string, unknown> = {}) {
  const response = await api('POST', BASE, {
    bank,
    slug: uid('account'),
    holder_name: 'Company Name',
    iban: makeIban(),
    channel: CHANNEL,
    ...overrides,
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body
}

describe('/api/v1/bank_accounts', () => {
  it('creates, reads, lists, updates and deactivates a bank account as the spec shows', async () => {
    const bank = await createBank()
    const iban = makeIban()
    const slug = uid('new_slug')
    // The spec's create body, with an IBAN that is real (typed lower case in groups, stored normalized).
    const created = await api('POST', BASE, {
      bank: bank.pk,
      slug,
      holder_name: 'New Holder',
      iban: spaced(iban),
      is_active: true,
      sort_order: 0,
      description: 'New Bank Account',
      channel: CHANNEL,
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      bank: bank.pk,
      slug,
      holder_name: 'New Holder',
      iban,
      is_active: true,
      sort_order: 0,
      description: 'New Bank Account',
      channel: CHANNEL,
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual([
      'pk', 'bank', 'slug', 'holder_name', 'iban', 'is_active', 'sort_order', 'description', 'channel', 'modified_date', 'created_date',
    ])
    const id = created.body.pk

    const detail = await api('GET', `${BASE}${id}/`)
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(created.body)

    // Spec: ?channel=1&bank=1
    const list = await api('GET', `${BASE}?channel=${CHANNEL}&bank=${bank.pk}`)
    expect(list.status).toBe(200)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    const updated = await api('PUT', `${BASE}${id}/`, {
      bank: bank.pk,
      slug: `${slug}-2`,
      holder_name: 'New Holder1',
      iban,
      is_active: true,
      sort_order: 0,
      description: 'New Bank Account',
      channel: CHANNEL,
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({
      ...created.body,
      slug: `${slug}-2`,
      holder_name: 'New Holder1',
      modified_date: expect.stringMatching(ISO_MICRO),
    })

    // The spec's partial body: { "holder_name": "New Holder2" }
    const patched = await api('PATCH', `${BASE}${id}/`, { holder_name: 'New Holder2' })
    expect(patched.status).toBe(200)
    expect(patched.body).toEqual({ ...updated.body, holder_name: 'New Holder2', modified_date: expect.stringMatching(ISO_MICRO) })

    // DELETE only sets is_active to false.
    const removed = await api('DELETE', `${BASE}${id}/`)
    expect(removed.status).toBe(204)
    expect(removed.body).toBeNull()
    const after = await api('GET', `${BASE}${id}/`)
    expect(after.status).toBe(200)
    expect(after.body).toEqual({ ...patched.body, is_active: false, modified_date: expect.stringMatching(ISO_MICRO) })
    const inactive = await api('GET', `${BASE}?bank=${bank.pk}&is_active=false`)
    expect(inactive.body.count).toBe(1)
    expect((await api('DELETE', `${BASE}999999/`)).status).toBe(404)
  })

  it('reports both unique sets together, and each alone', async () => {
    const bank = await createBank()
    const first = await createAccount(bank.pk)
    const both = await api('POST', BASE, { bank: bank.pk, slug: first.slug, holder_name: 'X', iban: first.iban, channel: CHANNEL })
    expect(both.status).toBe(400)
    expect(both.body).toEqual({
      non_field_errors: ['The fields slug, channel must make a unique set.', 'The fields iban, channel must make a unique set.'],
    })
    const ibanOnly = await api('POST', BASE, { bank: bank.pk, slug: uid('other'), holder_name: 'X', iban: spaced(first.iban), channel: CHANNEL })
    expect(ibanOnly.body).toEqual({ non_field_errors: ['The fields iban, channel must make a unique set.'] })

    const second = await createAccount(bank.pk)
    const clash = await api('PATCH', `${BASE}${second.pk}/`, { slug: first.slug, iban: first.iban })
    expect(clash.status).toBe(400)
    expect(clash.body.non_field_errors).toHaveLength(2)
    expect((await api('GET', `${BASE}${second.pk}/`)).body).toEqual(second)

    // The same IBAN on another channel's bank is a different record.
    const otherBank = await createBank(OTHER_CHANNEL)
    const elsewhere = await api('POST', BASE, { bank: otherBank.pk, slug: first.slug, holder_name: 'X', iban: first.iban, channel: OTHER_CHANNEL })
    expect(elsewhere.status).toBe(201)
  })

  it('answers the 406s of the spec: bank of another channel, channel change', async () => {
    const otherBank = await createBank(OTHER_CHANNEL)
    const incompatible = await api('POST', BASE, { bank: otherBank.pk, slug: uid('a'), holder_name: 'X', iban: makeIban(), channel: CHANNEL })
    expect(incompatible.status).toBe(406)
    expect(incompatible.body).toEqual({
      non_field_errors: `Channel: Web Shop Bank ${otherBank.name} channel incompatible.`,
      error_code: 'bank_account_101',
    })

    const bank = await createBank()
    const account = await createAccount(bank.pk)
    const moveBank = await api('PATCH', `${BASE}${account.pk}/`, { bank: otherBank.pk })
    expect(moveBank.status).toBe(406)
    expect(moveBank.body.error_code).toBe('bank_account_101')

    const moved = await api('PATCH', `${BASE}${account.pk}/`, { channel: OTHER_CHANNEL, bank: otherBank.pk })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({
      non_field_errors: `Channel: Web Shop of BankAccount: ${account.iban} cannot change.`,
      error_code: 'bank_account_102',
    })
    expect((await api('GET', `${BASE}${account.pk}/`)).body).toEqual(account)
  })

  it('lists by sort_order then pk, and filters by id, bank, iban, channel and dates', async () => {
    const bank = await createBank()
    const c = await createAccount(bank.pk, { sort_order: 2 })
    const a = await createAccount(bank.pk, { sort_order: 0 })
    const b1 = await createAccount(bank.pk, { sort_order: 1 })
    const b2 = await createAccount(bank.pk, { sort_order: 1 })
    const pks = (response: { body: { results: { pk: number }[] } }) => response.body.results.map((row) => row.pk)

    expect(pks(await api('GET', `${BASE}?bank=${bank.pk}`))).toEqual([a.pk, b1.pk, b2.pk, c.pk])
    expect(pks(await api('GET', `${BASE}?bank=${bank.pk}&ordering=-sort_order,pk`))).toEqual([c.pk, b1.pk, b2.pk, a.pk])
    expect(pks(await api('GET', `${BASE}?bank=${bank.pk}&id__gte=${b1.pk}`))).toEqual([b1.pk, b2.pk])
    expect(pks(await api('GET', `${BASE}?bank=${bank.pk}&pk=${c.pk}`))).toEqual([c.pk])
    expect(pks(await api('GET', `${BASE}?iban=${encodeURIComponent(spaced(a.iban))}`))).toEqual([a.pk])
    expect(pks(await api('GET', `${BASE}?bank=${bank.pk}&modified_date__date=${today()}`))).toHaveLength(4)
    expect((await api('GET', `${BASE}?bank=${bank.pk}&modified_date__date=2001-01-01`)).body.count).toBe(0)
    expect((await api('GET', `${BASE}?bank=${bank.pk}&channel=${OTHER_CHANNEL}`)).body.count).toBe(0)
    const paged = await api('GET', `${BASE}?bank=${bank.pk}&limit=2&page=2`)
    expect(pks(paged)).toEqual([b2.pk, c.pk])
    // Absolute links on the host the client addressed (as DRF's build_absolute_uri), not the server's listener.
    expect(paged.body.previous).toBe(`${baseUrl()}${BASE}?bank=${bank.pk}&limit=2`)
    expect(paged.body.next).toBeNull()
    expect((await api('GET', `${BASE}?bank=${bank.pk}&limit=2`)).body.next).toBe(`${baseUrl()}${BASE}?bank=${bank.pk}&limit=2&page=2`)

    for (const query of ['bank=abc', 'id__gte=x', 'modified_date__date=2023-13-45', 'channel=1%27%20OR%201%3D1', 'ordering=nope']) {
      const bad = await api('GET', `${BASE}?${query}`)
      expect(bad.status, query).toBe(400)
    }
    const injection = await api('GET', `${BASE}?iban=${encodeURIComponent("x' OR '1'='1")}`)
    expect(injection.status).toBe(200)
    expect(injection.body.count).toBe(0)
  })

  it('refuses bad input with a 400 naming the field and changes nothing', async () => {
    const bank = await createBank()
    const account = await createAccount(bank.pk)
    const valid = { bank: bank.pk, slug: uid('s'), holder_name: 'Holder', iban: makeIban(), channel: CHANNEL }
    const cases: [string, unknown, Record<string, unknown>][] = [
      ['invalid IBAN (spec placeholder)', { ...valid, iban: 'tr00000000000' }, { iban: ['Enter a valid IBAN.'] }],
      ['IBAN with a wrong check digit', { ...valid, iban: 'TR340006100519786457841326' }, { iban: ['Enter a valid IBAN.'] }],
      ['IBAN of the wrong length', { ...valid, iban: 'TR33000610051978645784132' }, { iban: ['Enter a valid IBAN.'] }],
      ['IBAN as a number', { ...valid, iban: 330006100519786 }, { iban: ['Enter a valid IBAN.'] }],
      ['IBAN null', { ...valid, iban: null }, { iban: ['This field may not be null.'] }],
      ['IBAN blank', { ...valid, iban: '   ' }, { iban: ['This field may not be blank.'] }],
      ['missing fields', { channel: CHANNEL }, {
        bank: ['This field is required.'], slug: ['This field is required.'], holder_name: ['This field is required.'], iban: ['This field is required.'],
      }],
      ['oversize holder name', { ...valid, holder_name: 'x'.repeat(129) }, { holder_name: ['Ensure this field has no more than 128 characters.'] }],
      ['oversize description', { ...valid, description: 'x'.repeat(256) }, { description: ['Ensure this field has no more than 255 characters.'] }],
      ['bad slug', { ...valid, slug: 'a b' }, { slug: ['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.'] }],
      ['negative sort order', { ...valid, sort_order: -1 }, { sort_order: ['Ensure this value is greater than or equal to 0.'] }],
      ['huge sort order', { ...valid, sort_order: 99999999999 }, { sort_order: ['Ensure this value is less than or equal to 2147483647.'] }],
      ['sort order text', { ...valid, sort_order: 'first' }, { sort_order: ['A valid integer is required.'] }],
      ['is_active not boolean', { ...valid, is_active: 'maybe' }, { is_active: ['Must be a valid boolean.'] }],
      ['unknown bank', { ...valid, bank: 99999999 }, { bank: ['Invalid pk "99999999" - object does not exist.'] }],
      ['bank of wrong type', { ...valid, bank: 'three' }, { bank: ['Incorrect type. Expected pk value, received str.'] }],
      ['unknown channel', { ...valid, channel: 999999 }, { channel: ['Invalid pk "999999" - object does not exist.'] }],
      ['unknown key', { ...valid, swift: 'X' }, { swift: ['Unknown field.'] }],
      ['a list body', [valid], { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
    ]
    for (const [label, body, errors] of cases) {
      const response = await api('POST', BASE, body)
      expect(response.status, label).toBe(400)
      expect(response.body, label).toEqual(errors)
      const patch = Array.isArray(body) ? body : Object.fromEntries(Object.keys(errors).filter((key) => key in (body as object)).map((key) => [key, (body as Record<string, unknown>)[key]]))
      if (Object.keys(patch).length) {
        const patched = await api('PATCH', `${BASE}${account.pk}/`, patch)
        expect(patched.status, `PATCH ${label}`).toBe(400)
      }
    }
    const malformed = await api('POST', BASE, '{"iban": ', {})
    expect(malformed.status).toBe(400)
    expect(malformed.body.detail).toMatch(/^JSON parse error/)
    expect((await api('GET', `${BASE}?bank=${bank.pk}`)).body.results).toEqual([account])
  })

  it('describes itself at /schema/', async () => {
    const schema = await api('GET', `${BASE}schema/`)
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual([
      'pk', 'bank', 'slug', 'holder_name', 'iban', 'is_active', 'sort_order', 'description', 'channel', 'modified_date', 'created_date',
    ])
    expect(post.iban).toEqual({ type: 'string', required: true, read_only: false, label: 'IBAN', max_length: 34 })
    expect(post.bank).toMatchObject({ type: 'pk field', required: true })
    expect(post.is_active).toMatchObject({ type: 'boolean', required: false })
    expect(post.pk).toMatchObject({ read_only: true })
    expect(Object.keys(schema.body.filters).sort()).toEqual(['bank', 'channel', 'iban', 'id', 'modified_date', 'pk'])
    expect(schema.body.filters.id).toEqual({ type: 'NumberFilter', lookup_types: ['exact', 'gt', 'gte', 'lt', 'lte'] })
  })
})
