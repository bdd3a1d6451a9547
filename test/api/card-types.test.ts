import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { api, baseUrl, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'
import { expectRefusedAndUnchanged, multipart, PNG_BYTES, rawRow, SVG_TEXT } from '../fixtures/payments'

const NOT_A_FILE = 'The submitted data was not a file. Check the encoding type on the form.'
const LOGO_URL = /^http:\/\/127\.0\.0\.1:\d+\/media\/card-types\/[0-9a-f]{32}\.(png|svg|gif|jpg|webp)$/

const png = (name = 'bonus.png') => [new Blob([PNG_BYTES], { type: 'image/png' }), name] as [Blob, string]

async function upload(method: 'POST' | 'PUT' | 'PATCH', path: string, fields: Record<string, string | [Blob, string]>) {
  return api(method, path, undefined, { raw: multipart(fields) })
}

async function createCardType(fields: Record<string, string | [Blob, string]> = {}) {
  const created = await upload('POST', '/api/v1/card_types/', { name: 'New Type', slug: uid('new-type'), channel: String(CHANNEL), ...fields })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body
}

describe('/api/v1/card_types', () => {
  it('creates a card type with an uploaded logo, serves the logo, and reads, lists, updates and deletes it', async () => {
    const slug = uid('new-type')
    const created = await upload('POST', '/api/v1/card_types/', { name: 'New Type', slug, logo: png(), channel: String(CHANNEL) })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      name: 'New Type',
      slug,
      logo: expect.stringMatching(LOGO_URL),
      channel: CHANNEL,
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual(['pk', 'name', 'slug', 'logo', 'channel', 'modified_date', 'created_date'])
    const id = created.body.pk
    expect(created.body.logo.startsWith(`${baseUrl()}/media/`)).toBe(true)

    const served = await fetch(created.body.logo)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('cache-control')).toContain('immutable')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    // Stored as re-encoded pixels, never the bytes sent (issue 9, item 6): the same 1×1 picture.
    const stored = Buffer.from(await served.arrayBuffer())
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 })
    expect((await fetch(created.body.logo, { method: 'HEAD' })).status).toBe(200)

    expect(await api('GET', `/api/v1/card_types/${id}/`)).toMatchObject({ status: 200, body: created.body })
    const list = await api('GET', `/api/v1/card_types/?channel=${CHANNEL}&id=${id}`)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    // The spec's update: a JSON body without a logo keeps the logo.
    const updated = await api('PUT', `/api/v1/card_types/${id}/`, { pk: id, name: 'Bonus-v2', slug, channel: CHANNEL })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({ ...created.body, name: 'Bonus-v2', modified_date: expect.stringMatching(ISO_MICRO) })

    const replaced = await upload('PATCH', `/api/v1/card_types/${id}/`, { logo: [new Blob([SVG_TEXT]), 'bonus.svg'] })
    expect(replaced.status).toBe(200)
    expect(replaced.body.logo).toMatch(LOGO_URL)
    expect(replaced.body.logo).not.toBe(created.body.logo)
    // An SVG is drawn to pixels: what is served is a PNG, with nothing of the SVG's text left.
    const svg = await fetch(replaced.body.logo)
    expect(replaced.body.logo).toMatch(/\.png$/)
    expect(svg.headers.get('content-type')).toBe('image/png')
    expect(svg.headers.get('content-security-policy')).toContain('sandbox')
    const drawn = Buffer.from(await svg.arrayBuffer())
    expect(await sharp(drawn).metadata()).toMatchObject({ format: 'png' })
    expect(drawn.toString('latin1')).not.toContain('<svg')

    const cleared = await api('PATCH', `/api/v1/card_types/${id}/`, { logo: null })
    expect(cleared.status).toBe(200)
    expect(cleared.body.logo).toBeNull()

    expect((await api('DELETE', `/api/v1/card_types/${id}/`)).status).toBe(204)
    expect((await api('GET', `/api/v1/card_types/${id}/`)).status).toBe(404)
  })

  it('creates from JSON without a logo, and stores only a media key', async () => {
    const slug = uid('bonus')
    const created = await api('POST', '/api/v1/card_types/', { name: 'Bonus', slug, channel: CHANNEL })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Bonus', slug, logo: null, channel: CHANNEL })

    const withLogo = await upload('PATCH', `/api/v1/card_types/${created.body.pk}/`, { logo: png('logo.PNG'), name: 'Bonus Card' })
    expect(withLogo.status).toBe(200)
    expect(withLogo.body).toMatchObject({ name: 'Bonus Card', logo: expect.stringMatching(LOGO_URL) })
    const rows = await rawRow('select logo from card_types where id = $1', [created.body.pk])
    if (rows) expect(rows[0].logo).toMatch(/^card-types\/[0-9a-f]{32}\.png$/)
    // An empty file input (what an HTML form sends when no file is chosen) clears the logo.
    const emptied = await upload('PATCH', `/api/v1/card_types/${created.body.pk}/`, { logo: '' })
    expect(emptied.body.logo).toBeNull()
  })

  it('refuses a logo that is not a file, with the spec message, on create and update', async () => {
    const before = (await api('GET', `/api/v1/card_types/?channel=${CHANNEL}`)).body.count
    const json = await api('POST', '/api/v1/card_types/', { name: 'New Type', slug: uid('new-type'), logo: 'http://logo.url', channel: CHANNEL })
    expect(json).toMatchObject({ status: 400, body: { logo: [NOT_A_FILE] } })
    const field = await upload('POST', '/api/v1/card_types/', { name: 'New Type', slug: uid('new-type'), logo: 'http://logo.url', channel: String(CHANNEL) })
    expect(field).toMatchObject({ status: 400, body: { logo: [NOT_A_FILE] } })
    expect((await api('GET', `/api/v1/card_types/?channel=${CHANNEL}`)).body.count).toBe(before)

    const existing = await createCardType({ logo: png() })
    const patched = await api('PATCH', `/api/v1/card_types/${existing.pk}/`, { logo: 'http://logo.url.jpg' })
    expect(patched).toMatchObject({ status: 400, body: { logo: [NOT_A_FILE] } })
    expect((await api('GET', `/api/v1/card_types/${existing.pk}/`)).body).toEqual(existing)
  })

  it('refuses files that are not images, too large, or unsafe SVG, and changes nothing', async () => {
    const existing = await createCardType({ logo: png() })
    const cases: [string, Blob, string, string][] = [
      ['text named .png', new Blob(['hello, not an image']), 'logo.png', 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.'],
      ['HTML', new Blob(['<html><script>alert(1)</script></html>']), 'logo.svg', 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.'],
      ['SVG with a script', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>']), 'logo.svg', 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.'],
      ['SVG with an event handler', new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']), 'logo.svg', 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.'],
      ['empty file', new Blob([]), 'logo.png', 'The submitted file is empty.'],
      ['over 2 MB', new Blob([PNG_BYTES, new Uint8Array(2 * 1024 * 1024)]), 'big.png', `Ensure this file is no larger than 2 MB (it has ${PNG_BYTES.length + 2 * 1024 * 1024} bytes).`],
      ['name too long', new Blob([PNG_BYTES]), `${'n'.repeat(300)}.png`, 'Ensure this filename has at most 255 characters (it has 304).'],
    ]
    for (const [name, blob, filename, message] of cases) {
      const response = await upload('PATCH', `/api/v1/card_types/${existing.pk}/`, { logo: [blob, filename] })
      expect(response.status, name).toBe(400)
      expect(response.body, name).toEqual({ logo: [message] })
    }
    expect((await api('GET', `/api/v1/card_types/${existing.pk}/`)).body).toEqual(existing)
  })

  it('answers the unique-set 400 and the channel-change 406 card_type_100_2 of the spec', async () => {
    const first = await createCardType()
    const duplicate = await api('POST', '/api/v1/card_types/', { name: 'Again', slug: first.slug, channel: CHANNEL })
    expect(duplicate).toMatchObject({ status: 400, body: { non_field_errors: ['The fields slug, channel must make a unique set.'] } })
    const other = await api('POST', '/api/v1/card_types/', { name: 'Again', slug: first.slug, channel: OTHER_CHANNEL })
    expect(other.status).toBe(201)

    const moved = await api('PATCH', `/api/v1/card_types/${first.pk}/`, { channel: OTHER_CHANNEL })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of CardType: ${first.slug} cannot change.`, error_code: 'card_type_100_2' })
    const movedMultipart = await upload('PUT', `/api/v1/card_types/${first.pk}/`, { name: 'x', slug: first.slug, channel: String(OTHER_CHANNEL) })
    expect(movedMultipart.body.error_code).toBe('card_type_100_2')
    expect((await api('GET', `/api/v1/card_types/${first.pk}/`)).body).toEqual(first)
  })

  it('serves only stored media files', async () => {
    for (const path of ['/media/card-types/0123456789abcdef0123456789abcdef.png', '/media/../package.json', '/media/%2e%2e/%2e%2e/package.json', '/media/card-types/..%2f..%2fpackage.json', '/media/.env', '/media/card-types/x.exe']) {
      const response = await fetch(`${baseUrl()}${path}`)
      expect(response.status, path).toBe(404)
    }
  })

  it('describes itself at /schema/ and refuses bad input, changing nothing', async () => {
    const schema = await api('GET', '/api/v1/card_types/schema/')
    expect(Object.keys(schema.body.actions.POST)).toEqual(['pk', 'name', 'slug', 'logo', 'channel', 'modified_date', 'created_date'])
    expect(schema.body.actions.POST.logo).toEqual({ type: 'image upload', required: false, read_only: false, label: 'Logo' })
    expect(schema.body.actions.POST.name).toEqual({ type: 'string', required: true, read_only: false, label: 'Name', max_length: 64 })
    expect(Object.keys(schema.body.filters)).toEqual(['id', 'channel', 'modified_date', 'pk'])

    const existing = await createCardType({ logo: png() })
    await expectRefusedAndUnchanged('/api/v1/card_types/', existing.pk, [
      { name: 'malformed JSON', method: 'PATCH', raw: '{"name": "x",}', status: 400, field: 'detail' },
      { name: 'name too long', method: 'PATCH', body: { name: 'n'.repeat(65) }, status: 400, field: 'name' },
      { name: 'slug too long', method: 'PATCH', body: { slug: 's'.repeat(65) }, status: 400, field: 'slug' },
      { name: 'slug with a quote', method: 'PATCH', body: { slug: "x' OR 1=1 --" }, status: 400, field: 'slug' },
      { name: 'name is a list', method: 'PATCH', body: { name: ['a'] }, status: 400, field: 'name' },
      { name: 'logo is a number', method: 'PATCH', body: { logo: 12 }, status: 400, field: 'logo' },
      { name: 'logo is an object', method: 'PATCH', body: { logo: { url: 'x' } }, status: 400, field: 'logo' },
      { name: 'unknown key', method: 'PATCH', body: { colour: 'red' }, status: 400, field: 'colour' },
      { name: 'unknown channel', method: 'POST', body: { name: 'x', slug: uid('x'), channel: 999999 }, status: 400, field: 'channel' },
      { name: 'missing name', method: 'POST', body: { slug: uid('x'), channel: CHANNEL }, status: 400, field: 'name' },
      { name: 'PUT without slug', method: 'PUT', body: { name: 'x', channel: CHANNEL }, status: 400, field: 'slug' },
    ], `channel=${CHANNEL}`)
    for (const query of ['channel=abc', 'id__gt=1e3', 'modified_date__date=13/01/2023']) {
      expect((await api('GET', `/api/v1/card_types/?${query}`)).status, query).toBe(400)
    }
  })
})
