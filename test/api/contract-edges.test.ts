import { describe, expect, it } from 'vitest'
import { api, CHANNEL, uid } from '../helpers/api'
import { createBank, createCard, createPos } from '../helpers/fixtures'

/** Edges of the contract a careful client (or a hostile one) reaches: each answers a 4xx, never a 500. */
describe('contract edges', () => {
  it('refuses to delete a record others still reference (406 <model>_protected) and keeps it', async () => {
    const card = await createCard()
    const cases: [string, number, string][] = [
      ['banks', card.bank, 'bank_protected'],
      ['card_types', card.card_type, 'card_type_protected'],
      ['pos', card.cash_payment, 'pos_protected'],
    ]
    for (const [resource, id, code] of cases) {
      const response = await api('DELETE', `/api/v1/${resource}/${id}/`)
      expect(response.status, resource).toBe(406)
      expect(response.body.error_code).toBe(code)
      expect(response.body.non_field_errors).toMatch(/cannot be deleted while cards use it\.$/)
      expect((await api('GET', `/api/v1/${resource}/${id}/`)).status).toBe(200)
    }
    expect((await api('DELETE', `/api/v1/cards/${card.pk}/`)).status).toBe(204)
    expect((await api('DELETE', `/api/v1/banks/${card.bank}/`)).status).toBe(204)
  })

  it('answers 400 for dates that do not exist, naming the filter', async () => {
    for (const query of ['modified_date__date=2026-02-30', 'modified_date__gt=2026-02-30T10:00:00Z', 'modified_date=2025-02-29', 'modified_date__lte=2026-04-31']) {
      const response = await api('GET', `/api/v1/pos/?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.body).toEqual({ [query.split('=')[0]]: ['Enter a valid date.'] })
    }
    expect((await api('GET', '/api/v1/pos/?modified_date__date=2024-02-29')).status).toBe(200)
  })

  it('refuses JSON nested deeper than 32 levels in any field, before anything walks it', async () => {
    const pos = await createPos()
    const nest = (depth: number) => {
      let value: unknown = 1
      for (let level = 0; level < depth; level++) value = [value]
      return value
    }
    for (const depth of [40, 100_000]) {
      const body = `{"config": {"auth": {}, "deep": ${'['.repeat(depth)}1${']'.repeat(depth)}}}`
      const response = await api('PATCH', `/api/v1/pos/${pos.pk}/`, body)
      expect(response.status, String(depth)).toBe(400)
      expect(response.body).toEqual({ config: ['Ensure this value is nested no more than 32 levels deep.'] })
    }
    const response = await api('POST', '/api/v1/payment_options/', { name: 'Deep', slug: 'deep', payment_type: 'credit_card', config: { a: nest(50) }, channel: CHANNEL })
    expect(response.status).toBe(400)
    expect(Object.keys(response.body)).toEqual(['config'])
    const shallow = await api('PATCH', `/api/v1/pos/${pos.pk}/`, { config: { auth: {}, extra: nest(10) } })
    expect(shallow.status).toBe(200)
  })

  it('orders by id as by pk, ignores chained lookups, reads a repeated parameter once (its last value)', async () => {
    const pks = (response: { body: { results: { pk: number }[] } }) => response.body.results.map((row) => row.pk)
    const ascending = pks(await api('GET', '/api/v1/pos/?ordering=id&limit=500'))
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
    expect(pks(await api('GET', '/api/v1/pos/?ordering=-id&limit=500'))).toEqual([...ascending].reverse())
    expect((await api('GET', '/api/v1/pos/?id__gt__lt=1')).body.count).toBe((await api('GET', '/api/v1/pos/')).body.count)
    const second = await api('GET', `/api/v1/pos/?channel=${CHANNEL}&channel=2`)
    expect(second.body.count).toBe((await api('GET', '/api/v1/pos/?channel=2')).body.count)
    expect(second.body.count).toBeGreaterThan(0)
  })

  it('refuses a filter on a record that does not exist, as django-filter does, and lists an existing one with no rows', async () => {
    const message = ['Select a valid choice. That choice is not one of the available choices.']
    expect(await api('GET', '/api/v1/banks/?channel=999')).toMatchObject({ status: 400, body: { channel: message } })
    expect(await api('GET', '/api/v1/bin_numbers/?card=999999')).toMatchObject({ status: 400, body: { card: message } })
    expect(await api('GET', '/api/v1/cards/?bank=99999999999')).toMatchObject({ status: 400, body: { bank: message } })
    const bank = await createBank()
    expect(await api('GET', `/api/v1/cards/?bank=${bank.pk}`)).toMatchObject({ status: 200, body: { count: 0, results: [] } })
  })

  it('answers 415 for a body in a type no parser reads, and reads JSON sent as text/plain', async () => {
    const bank = await createBank()
    const xml = await api('PATCH', `/api/v1/banks/${bank.pk}/`, undefined, { headers: { 'content-type': 'application/xml' }, raw: '<name>X</name>' })
    expect(xml).toMatchObject({ status: 415, body: { detail: 'Unsupported media type "application/xml" in request.' } })
    const plain = await api('PATCH', `/api/v1/banks/${bank.pk}/`, undefined, { headers: { 'content-type': 'text/plain;charset=UTF-8' }, raw: '{"name": "Plain Bank"}' })
    expect(plain).toMatchObject({ status: 200, body: { name: 'Plain Bank' } })
  })

  it('lists the allowed methods in the Allow header of a 405', async () => {
    const bank = await createBank()
    const cases: [string, string, string][] = [
      ['PUT', '/api/v1/banks/', 'GET, POST, HEAD, OPTIONS'],
      ['POST', `/api/v1/banks/${bank.pk}/`, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
      ['POST', '/api/v1/banks/schema/', 'GET, HEAD, OPTIONS'],
      ['GET', '/api/v1/banks/bulk_create/', 'POST, OPTIONS'],
    ]
    for (const [method, path, allow] of cases) {
      const response = await api(method, path)
      expect(response.status, `${method} ${path}`).toBe(405)
      expect(response.body).toEqual({ detail: `Method "${method}" not allowed.` })
      expect(response.headers.get('allow')).toBe(allow)
    }
  })

  it('reads the spec examples’ capitalised keys ("PK", "Slug", "Config", "Channel") as the fields they name', async () => {
    const pos = await createPos()
    const slug = `dummy-pay-${pos.pk}`
    const response = await api('PUT', `/api/v1/pos/${pos.pk}/`, {
      Pk: 1,
      name: 'DummyPay',
      Slug: slug,
      gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
      Config: { three_d_enabled: false, fail_on_void: false, fail_on_refund: false },
      resource_url: 'https://dummypay.net/',
      three_d_resource_url: 'https://dummypay.net/',
      Channel: CHANNEL,
      gateway_display: 'Dummypay',
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ pk: pos.pk, name: 'DummyPay', slug, channel: CHANNEL, config: { three_d_enabled: false, fail_on_void: false, fail_on_refund: false } })
    // The lowercase key wins when both are sent; a key no field answers to is still refused.
    const both = await api('PATCH', `/api/v1/pos/${pos.pk}/`, { slug: `${slug}-a`, Slug: `${slug}-b` })
    expect(both.status).toBe(400)
    expect(both.body).toEqual({ Slug: ['Unknown field.'] })
    expect((await api('PATCH', `/api/v1/pos/${pos.pk}/`, { Colour: 'red' })).body).toEqual({ Colour: ['Unknown field.'] })
  })

  it('refuses files that are not CSV text, and CSV with an unclosed quote, changing nothing', async () => {
    const upload = (content: BlobPart) => {
      const form = new FormData()
      form.append('file', new Blob([content], { type: 'text/csv' }), 'upload.csv')
      return form
    }
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const before = (await api('GET', `/api/v1/banks/?channel=${CHANNEL}&limit=1`)).body.count
    const banksPath = `/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`
    expect(await api('POST', banksPath, undefined, { raw: upload(png) })).toMatchObject({ status: 400, body: { file: ['The file is not a CSV text file.'] } })
    expect(await api('POST', banksPath, undefined, { raw: upload('name,slug\n"Unclosed Bank,unclosed\n') })).toMatchObject({
      status: 400,
      body: { file: ['Line 2: a quoted field is not closed.'] },
    })
    expect(await api('POST', banksPath, undefined, { raw: upload('') })).toMatchObject({ status: 406, body: { error_code: 'file_100_1' } })
    expect((await api('GET', `/api/v1/banks/?channel=${CHANNEL}&limit=1`)).body.count).toBe(before)

    const card = await createCard()
    const bins = await api('POST', `/api/v1/cards/${card.pk}/bulk_create/`, undefined, { raw: upload(png) })
    expect(bins).toMatchObject({ status: 400, body: { file: ['The file is not a CSV text file.'] } })
    expect((await api('GET', `/api/v1/bin_numbers/?card=${card.pk}`)).body.count).toBe(0)
  })
})

describe('name search (ours, beside the contract)', () => {
  it('finds POS, banks, card types and payment options by part of their name, and stays out of /schema/', async () => {
    const bank = await createBank()
    const part = String(bank.name).slice(-6).toUpperCase()
    const found = await api('GET', `/api/v1/banks/?name__icontains=${encodeURIComponent(part)}`)
    expect(found.body.results.map((row: { pk: number }) => row.pk)).toEqual([bank.pk])
    const pos = await createPos()
    expect((await api('GET', `/api/v1/pos/?name__icontains=${encodeURIComponent(String(pos.name).slice(-6))}`)).body.count).toBe(1)
    expect((await api('GET', '/api/v1/card_types/?name__icontains=%25%25')).body.count).toBe(0)
    expect((await api('GET', '/api/v1/payment_options/?name__icontains=zzz-none')).body.count).toBe(0)
    const schema = await api('GET', '/api/v1/pos/schema/')
    expect(Object.keys(schema.body.filters)).toEqual(['id', 'channel', 'modified_date', 'pk'])
  })

  // Names that are methods of every JavaScript object must be plain unknown names to the API: never a
  // 500 from a lookup on a plain object, never a prototype swap (issue 9, item 3).
  const OBJECT_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']

  it('answers an object-method name as a body key with 400 "Unknown field." on create and update, writing nothing', async () => {
    const bank = await createBank()
    for (const name of OBJECT_NAMES) {
      const slug = uid('proto')
      // Raw JSON text: JSON.stringify would drop a `__proto__` key set in an object literal.
      const created = await api('POST', '/api/v1/banks/', `{"name": "Proto", "slug": "${slug}", "channel": ${CHANNEL}, ${JSON.stringify(name)}: 1}`)
      expect(created.status, name).toBe(400)
      expect(created.body, name).toEqual({ [name]: ['Unknown field.'] })
      const patched = await api('PATCH', `/api/v1/banks/${bank.pk}/`, `{${JSON.stringify(name)}: {"name": "Odd"}}`)
      expect(patched.status, name).toBe(400)
      expect(patched.body, name).toEqual({ [name]: ['Unknown field.'] })
      expect((await api('GET', `/api/v1/banks/?slug=${slug}&name__icontains=Proto`)).body.count, name).toBe(0)
    }
    expect((await api('GET', `/api/v1/banks/${bank.pk}/`)).body.name).toBe(bank.name)
  })

  it('does not let {"__proto__": {...}} lend its contents to the fields of a new record', async () => {
    const slug = uid('proto-only')
    const response = await api('POST', '/api/v1/banks/', `{"__proto__": {"name": "Smuggled", "slug": "${slug}", "channel": ${CHANNEL}}}`)
    expect(response.status).toBe(400)
    expect(response.body).toEqual({ ['__proto__']: ['Unknown field.'], name: ['This field is required.'], slug: ['This field is required.'], channel: ['This field is required.'] })
    expect((await api('GET', '/api/v1/banks/?name__icontains=Smuggled')).body.count).toBe(0)
  })

  it('ignores object-method names as filters and refuses them as ordering fields, on the API and the CSV export', async () => {
    const all = (await api('GET', '/api/v1/cards/')).body.count
    for (const name of OBJECT_NAMES) {
      const filtered = await api('GET', `/api/v1/cards/?${name}=1&${name}__gt=1`)
      expect(filtered.status, name).toBe(200)
      expect(filtered.body.count, name).toBe(all)
      const ordered = await api('GET', `/api/v1/cards/?ordering=-${name}`)
      expect(ordered.status, name).toBe(400)
      expect(ordered.body, name).toEqual({ ordering: [`Invalid ordering field "${name}".`] })
      expect((await api('GET', `/export/cards?${name}=1`)).status, name).toBe(200)
      expect((await api('GET', `/export/cards?ordering=${name}`)).status, name).toBe(400)
      expect((await api('GET', `/export/${name}`)).status, name).toBe(404)
    }
  })

  it('reports object-method names as CSV columns of a bank import as unknown, row by row', async () => {
    const slug = uid('proto-csv')
    const form = new FormData()
    form.append('file', new Blob([`name,slug,constructor,__proto__\nProto CSV,${slug},1,2\n__proto__,${slug}-2,,\n`], { type: 'text/csv' }), 'banks.csv')
    const response = await api('POST', `/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`, undefined, { raw: form })
    expect(response.status).toBe(200)
    expect(Object.keys(response.body)).toEqual(['Proto CSV', '__proto__'])
    expect(response.body['Proto CSV']).toMatch(/constructor: Unknown field\./)
    expect(response.body['Proto CSV']).toMatch(/__proto__: Unknown field\./)
  })
})
