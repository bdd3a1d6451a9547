import { describe, expect, inject, it } from 'vitest'
import { api, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'
import { expectRefusedAndUnchanged, rawRow } from '../fixtures/payments'

const DUMMYPAY = 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway'
const GPAY = 'omnicore.libs.payment_gateways.gpay.GPayGateway'
const EST = 'omnicore.libs.payment_gateways.est.EstGateway'

/** The spec's Garanti Pay config, with secrets distinct from the other values so leaks are visible. */
const gpayConfig = (password = 'Gp-Secret-Pass-1', storeKey = 'Gp-Store-Key-1') => ({
  auth: {
    password,
    merchant_id: '111111',
    terminal_id: '111111',
    prov_username: { oos: 'oos', refund: 'refund' },
  },
  mode: 'TEST',
  version: 'v0.01',
  store_key: storeKey,
  refund_url: 'https://sanalposprovtest.garanti.com.tr/VPServlet',
  company_name: 'AAA',
  timeout_period: 300,
})

async function createGpay(slug = uid('gpay')) {
  const created = await api('POST', '/api/v1/pos/', {
    name: ' Test Garanti Pay',
    slug,
    gateway: GPAY,
    config: gpayConfig(),
    resource_url: 'https://sanalposprovtest.garanti.com.tr/servlet/gt3dengine',
    three_d_resource_url: null,
    channel: CHANNEL,
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body
}

describe('/api/v1/pos', () => {
  it('creates a DummyPay POS as the spec shows, reads, lists, updates and deletes it', async () => {
    const slug = uid('POS')
    const created = await api('POST', '/api/v1/pos/', {
      name: 'POS',
      slug,
      gateway: DUMMYPAY,
      config: { three_d_enabled: false, fail_on_void: false, auth: {}, fail_on_refund: false },
      resource_url: 'https://dummypay.net/',
      three_d_resource_url: 'https://dummypay.net/',
      channel: CHANNEL,
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      name: 'POS',
      slug,
      gateway: DUMMYPAY,
      config: { three_d_enabled: false, fail_on_refund: false, fail_on_void: false, auth: {} },
      resource_url: 'https://dummypay.net/',
      three_d_resource_url: 'https://dummypay.net/',
      channel: CHANNEL,
      gateway_display: 'Dummypay',
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual([
      'pk', 'name', 'slug', 'gateway', 'config', 'resource_url', 'three_d_resource_url', 'channel', 'gateway_display', 'modified_date', 'created_date',
    ])
    const id = created.body.pk

    expect(await api('GET', `/api/v1/pos/${id}/`)).toMatchObject({ status: 200, body: created.body })
    const list = await api('GET', `/api/v1/pos/?channel=${CHANNEL}&id=${id}`)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    // The spec's update: the config sent without `auth` comes back with it (the gateway's default).
    const updated = await api('PUT', `/api/v1/pos/${id}/`, {
      pk: id,
      name: 'DummyPay',
      slug,
      gateway: DUMMYPAY,
      config: { three_d_enabled: false, fail_on_void: false, fail_on_refund: false },
      resource_url: 'https://dummypay.net/',
      three_d_resource_url: 'https://dummypay.net/',
      channel: CHANNEL,
      gateway_display: 'Dummypay',
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({
      ...created.body,
      name: 'DummyPay',
      config: { three_d_enabled: false, fail_on_refund: false, fail_on_void: false, auth: {} },
      modified_date: expect.stringMatching(ISO_MICRO),
    })
    expect(updated.body.modified_date > created.body.modified_date).toBe(true)

    const patched = await api('PATCH', `/api/v1/pos/${id}`, { config: { three_d_enabled: 'true', fail_on_refund: 1 }, three_d_resource_url: null })
    expect(patched.status).toBe(200)
    expect(patched.body.config).toEqual({ three_d_enabled: true, fail_on_refund: true, fail_on_void: false, auth: {} })
    expect(patched.body.three_d_resource_url).toBeNull()

    expect((await api('DELETE', `/api/v1/pos/${id}/`)).status).toBe(204)
    expect(await api('GET', `/api/v1/pos/${id}/`)).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
  })

  it('returns the Garanti Pay config of the spec in clear and keeps its secrets encrypted at rest', async () => {
    const slug = uid('gpay')
    const created = await createGpay(slug)
    expect(created).toMatchObject({
      name: 'Test Garanti Pay',
      gateway: GPAY,
      config: gpayConfig(),
      three_d_resource_url: null,
      gateway_display: 'Gpay',
    })
    expect((await api('GET', `/api/v1/pos/${created.pk}/`)).body.config).toEqual(gpayConfig())

    const rows = await rawRow('select config::text as config from pos where id = $1', [created.pk])
    if (rows) {
      const stored = rows[0].config as string
      expect(stored).not.toContain('Gp-Secret-Pass-1')
      expect(stored).not.toContain('Gp-Store-Key-1')
      const config = JSON.parse(stored)
      expect(config.auth.password).toMatch(/^enc:v1:/)
      expect(config.store_key).toMatch(/^enc:v1:/)
      expect(config.auth.merchant_id).toBe('111111')
      expect(config.refund_url).toBe('https://sanalposprovtest.garanti.com.tr/VPServlet')
    }

    // A changed password is audited (as a changed fingerprint), never written in clear.
    const changed = await api('PATCH', `/api/v1/pos/${created.pk}/`, { config: gpayConfig('Gp-Secret-Pass-2') })
    expect(changed.status).toBe(200)
    expect(changed.body.config.auth.password).toBe('Gp-Secret-Pass-2')
    const audit = await rawRow('select action, changes::text as changes from audit_log where resource = $1 and record_id = $2 order by id', ['pos', created.pk])
    if (audit) {
      expect(audit.map((entry) => entry.action)).toEqual(['create', 'update'])
      for (const entry of audit) {
        expect(entry.changes).not.toMatch(/Gp-Secret-Pass|Gp-Store-Key/)
        expect(entry.changes).toContain('••••••')
      }
      const update = JSON.parse(audit[1].changes)
      expect(update.config.before.auth.password).not.toEqual(update.config.after.auth.password)
      expect(update.config.after.auth.merchant_id).toBe('111111')
    }
  })

  it('answers 406 pos_100_2 with the missing config keys, in the spec format and the gateway order', async () => {
    const before = (await api('GET', `/api/v1/pos/?channel=${CHANNEL}`)).body.count
    const missing = await api('POST', '/api/v1/pos/', {
      name: 'Akbank', slug: uid('est'), gateway: EST, config: {}, resource_url: 'https://entegrasyon.asseco-see.com.tr/fim/est3Dgate', channel: CHANNEL,
    })
    expect(missing.status).toBe(406)
    expect(missing.body).toEqual({
      non_field_errors:
        '{"username": ["This field is required."], "store_key": ["This field is required."], "password": ["This field is required."], "client_id": ["This field is required."]}',
      error_code: 'pos_100_2',
    })

    const nested = await api('POST', '/api/v1/pos/', {
      name: 'Garanti', slug: uid('gpay'), gateway: GPAY, resource_url: 'https://sanalposprovtest.garanti.com.tr/servlet/gt3dengine', channel: CHANNEL,
      config: { ...gpayConfig(), auth: { merchant_id: '1', terminal_id: '2', prov_username: { oos: 'oos' } }, timeout_period: 'soon' },
    })
    expect(nested.status).toBe(406)
    expect(nested.body).toEqual({
      non_field_errors:
        '{"auth": {"password": ["This field is required."], "prov_username": {"refund": ["This field is required."]}}, "timeout_period": ["A valid integer is required."]}',
      error_code: 'pos_100_2',
    })
    expect((await api('GET', `/api/v1/pos/?channel=${CHANNEL}`)).body.count).toBe(before)

    // Switching a POS to a gateway its config does not satisfy is refused the same way, and nothing changes.
    const gpay = await createGpay()
    const switched = await api('PATCH', `/api/v1/pos/${gpay.pk}/`, { gateway: EST })
    expect(switched.status).toBe(406)
    expect(switched.body.error_code).toBe('pos_100_2')
    expect(switched.body.non_field_errors).toContain('"username": ["This field is required."]')
    expect((await api('GET', `/api/v1/pos/${gpay.pk}/`)).body).toEqual(gpay)
  })

  it('answers the unique-set 400 and the channel-change 406 pos_100_3 of the spec', async () => {
    const slug = uid('dummy_pos')
    const first = await api('POST', '/api/v1/pos/', { name: 'Dummy', slug, gateway: DUMMYPAY, resource_url: 'https://dummypay.net/', channel: CHANNEL })
    expect(first.status).toBe(201)
    expect(first.body.config).toEqual({ three_d_enabled: false, fail_on_refund: false, fail_on_void: false, auth: {} })
    expect(first.body.three_d_resource_url).toBeNull()

    const duplicate = await api('POST', '/api/v1/pos/', { name: 'Other', slug, gateway: DUMMYPAY, resource_url: 'https://dummypay.net/', channel: CHANNEL })
    expect(duplicate).toMatchObject({ status: 400, body: { non_field_errors: ['The fields slug, channel must make a unique set.'] } })
    // The same slug in another channel is another POS.
    const elsewhere = await api('POST', '/api/v1/pos/', { name: 'Other', slug, gateway: DUMMYPAY, resource_url: 'https://dummypay.net/', channel: OTHER_CHANNEL })
    expect(elsewhere.status).toBe(201)

    const moved = await api('PATCH', `/api/v1/pos/${first.body.pk}/`, { channel: OTHER_CHANNEL })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of Pos: ${slug} cannot change.`, error_code: 'pos_100_3' })
    expect((await api('GET', `/api/v1/pos/${first.body.pk}/`)).body).toEqual(first.body)
  })

  it('filters by id, pk, channel and modified_date with lookups', async () => {
    const a = await createGpay()
    const b = await createGpay()
    const ids = (query: string) => api('GET', `/api/v1/pos/?${query}`).then((r) => r.body.results.map((row: { pk: number }) => row.pk))
    expect(await ids(`id__gte=${a.pk}&id__lte=${b.pk}`)).toEqual([a.pk, b.pk])
    expect(await ids(`pk__gt=${a.pk}&pk__lte=${b.pk}`)).toEqual([b.pk])
    expect(await ids(`id=${a.pk}&channel=${OTHER_CHANNEL}`)).toEqual([])
    expect(await ids(`id__gte=${a.pk}&modified_date__date=${a.modified_date.slice(0, 10)}&ordering=-pk`)).toEqual([b.pk, a.pk])
    expect(await ids(`id=${a.pk}&modified_date__gt=2999-01-01`)).toEqual([])
    const page = await api('GET', `/api/v1/pos/?id__gte=${a.pk}&id__lte=${b.pk}&limit=1`)
    expect(page.body).toMatchObject({ count: 2, previous: null, next: expect.stringContaining('page=2') })
  })

  it('describes itself at /schema/ with every gateway and its config fields', async () => {
    const schema = await api('GET', '/api/v1/pos/schema/')
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual([
      'pk', 'name', 'slug', 'gateway', 'config', 'resource_url', 'three_d_resource_url', 'channel', 'gateway_display', 'modified_date', 'created_date',
    ])
    expect(post.pk).toEqual({ type: 'integer', required: false, read_only: true, label: 'ID' })
    expect(post.name).toEqual({ type: 'string', required: true, read_only: false, label: 'Name', max_length: 64 })
    expect(post.gateway).toMatchObject({ type: 'choice', required: true, read_only: false, label: 'Gateway' })
    expect(post.gateway.choices).toEqual(
      expect.arrayContaining([
        { display_name: 'Dummypay', value: DUMMYPAY },
        { display_name: 'Gpay', value: GPAY },
        { display_name: 'Masterpass', value: 'omnicore.libs.payment_gateways.masterpass.MasterpassGateway' },
        { display_name: 'Iyzico', value: 'omnicore.libs.payment_gateways.iyzico.IyzicoGateway' },
        { display_name: 'Est', value: EST },
      ]),
    )
    expect(post.config).toMatchObject({ type: 'json field', required: false, read_only: false, label: 'Config' })
    expect(Object.keys(post.config.choices)).toEqual(expect.arrayContaining(['dummypay', 'gpay', 'masterpass', 'iyzico', 'est', 'posnet', 'payu', 'stripe']))
    expect(post.config.choices.est.client_id).toEqual({ type: 'string', required: true, read_only: false, label: 'Client id', max_length: 32 })
    expect(post.config.choices.est.password).toMatchObject({ type: 'string', required: true, secret: true })
    expect(post.config.choices.gpay.auth).toMatchObject({ type: 'nested object', required: true, label: 'Auth' })
    expect(post.config.choices.gpay.auth.children.password).toMatchObject({ type: 'string', required: true, secret: true, max_length: 64 })
    expect(post.config.choices.gpay.auth.children.prov_username.children.oos).toMatchObject({ type: 'string', required: true })
    expect(post.config.choices.dummypay.three_d_enabled).toEqual({ type: 'boolean', required: false, read_only: false, label: 'Three d enabled', default: false })
    expect(post.resource_url).toEqual({ type: 'url', required: true, read_only: false, label: 'Resource url', max_length: 200 })
    expect(post.three_d_resource_url).toEqual({ type: 'url', required: false, read_only: false, label: 'Three d resource url', max_length: 200 })
    expect(post.channel).toEqual({ type: 'pk field', required: true, read_only: false, label: 'Channel' })
    expect(post.gateway_display).toEqual({ type: 'method field', required: false, read_only: true, label: 'Gateway display' })
    expect(post.modified_date).toEqual({ type: 'datetime', required: false, read_only: true, label: 'Modified date' })
    expect(schema.body.filters).toEqual({
      id: { type: 'NumberFilter', lookup_types: ['exact', 'gt', 'gte', 'lt', 'lte'] },
      channel: { type: 'ModelChoiceFilter', lookup_types: ['exact'] },
      modified_date: { type: 'DateFilter', lookup_types: ['exact', 'gt', 'gte', 'lt', 'lte', 'date'] },
      pk: { type: 'NumberFilter', lookup_types: ['exact', 'gt', 'gte', 'lt', 'lte'] },
    })
    expect(schema.body.ordering).toBe('__all__')
    expect(schema.body.parses).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'])
  })

  it('refuses bad input with a 4xx naming the field and changes nothing', async () => {
    const gpay = await createGpay()
    const valid = { name: 'X', slug: uid('x'), gateway: DUMMYPAY, resource_url: 'https://dummypay.net/', channel: CHANNEL }
    await expectRefusedAndUnchanged('/api/v1/pos/', gpay.pk, [
      { name: 'malformed JSON', method: 'PATCH', raw: '{"name": ', status: 400, field: 'detail' },
      { name: 'body is a list', method: 'POST', body: [valid], status: 400, field: 'non_field_errors' },
      { name: 'missing required fields', method: 'POST', body: { name: 'X' }, status: 400, field: 'resource_url' },
      { name: 'name too long', method: 'PATCH', body: { name: 'n'.repeat(65) }, status: 400, field: 'name' },
      { name: 'name of wrong type', method: 'PATCH', body: { name: { first: 'x' } }, status: 400, field: 'name' },
      { name: 'blank slug', method: 'PATCH', body: { slug: '  ' }, status: 400, field: 'slug' },
      { name: 'slug with spaces', method: 'PATCH', body: { slug: 'a b' }, status: 400, field: 'slug' },
      { name: 'unknown gateway', method: 'PATCH', body: { gateway: 'omnicore.libs.payment_gateways.evil.Evil' }, status: 400, field: 'gateway' },
      { name: 'config is a list', method: 'PATCH', body: { config: [1, 2] }, status: 400, field: 'config' },
      { name: 'config is a string', method: 'PUT', body: { ...valid, slug: gpay.slug, gateway: GPAY, config: 'abc' }, status: 400, field: 'config' },
      { name: 'config of wrong types', method: 'PATCH', body: { config: { ...gpayConfig(), auth: 'x' } }, status: 406, field: 'error_code' },
      { name: 'config value that looks sealed', method: 'PATCH', body: { config: gpayConfig('enc:v1:abc.def.ghi') }, status: 406, field: 'error_code' },
      { name: 'config refund_url not a URL', method: 'PATCH', body: { config: { ...gpayConfig(), refund_url: 'javascript:alert(1)' } }, status: 406, field: 'error_code' },
      { name: 'resource_url not a URL', method: 'PATCH', body: { resource_url: 'not a url' }, status: 400, field: 'resource_url' },
      { name: 'resource_url too long', method: 'PATCH', body: { resource_url: `https://x.example/${'a'.repeat(200)}` }, status: 400, field: 'resource_url' },
      { name: 'resource_url null', method: 'PATCH', body: { resource_url: null }, status: 400, field: 'resource_url' },
      { name: 'three_d_resource_url ftp', method: 'PATCH', body: { three_d_resource_url: 'ftp://x.example/' }, status: 400, field: 'three_d_resource_url' },
      { name: 'unknown key', method: 'PATCH', body: { colour: 'red' }, status: 400, field: 'colour' },
      { name: 'unknown channel', method: 'POST', body: { ...valid, channel: 999999 }, status: 400, field: 'channel' },
      { name: 'channel of wrong type', method: 'POST', body: { ...valid, channel: 'web' }, status: 400, field: 'channel' },
      { name: 'PUT without required fields', method: 'PUT', body: { name: 'Only a name' }, status: 400, field: 'gateway' },
    ], `channel=${CHANNEL}`)

    for (const query of ['channel=1%20OR%201=1', 'id=1;drop%20table%20pos', 'modified_date=2023-13-45', "pk__gte='1'", 'modified_date__gt=yesterday']) {
      const response = await api('GET', `/api/v1/pos/?${query}`)
      expect(response.status, query).toBe(400)
    }
    expect((await api('GET', '/api/v1/pos/?ordering=config;drop')).status).toBe(400)
    expect((await api('DELETE', '/api/v1/pos/')).body).toEqual({ detail: 'Method "DELETE" not allowed.' })
    expect((await api('POST', `/api/v1/pos/${gpay.pk}/`, {})).status).toBe(405)
    expect((await api('GET', '/api/v1/pos/abc/')).status).toBe(404)
    expect((await api('GET', '/api/v1/pos/', undefined, { token: null })).status).toBe(401)
    const viewer = { token: inject('viewerToken') }
    // A viewer reads the POS with its secrets masked (issue 9, item 1); the admin still sees them.
    const viewed = (await api('GET', `/api/v1/pos/${gpay.pk}/`, undefined, viewer)).body
    expect(viewed).toEqual({ ...gpay, config: { ...gpay.config, auth: { ...gpay.config.auth, password: expect.stringMatching(/^•+ [0-9a-f]{8}$/) }, store_key: expect.stringMatching(/^•+ [0-9a-f]{8}$/) } })
    expect((await api('PATCH', `/api/v1/pos/${gpay.pk}/`, { name: 'Viewer edit' }, viewer)).status).toBe(403)
    expect((await api('DELETE', `/api/v1/pos/${gpay.pk}/`, undefined, viewer)).status).toBe(403)
    expect((await api('GET', `/api/v1/pos/${gpay.pk}/`)).body).toEqual(gpay)
  })
})
