import { describe, expect, inject, it } from 'vitest'
import { api, CHANNEL, OTHER_CHANNEL, uid } from '../helpers/api'
import { binAllocator, createCard } from '../helpers/fixtures'

const FILE_NOT_FOUND = { non_field_errors: 'File not found please provide an appropriate file', error_code: 'file_100_1' }
const INVALID_BIN = 'invalid: must be 6 or 8 digits'

function upload(text: string, field = 'file', name = 'csv_file.csv'): FormData {
  const form = new FormData()
  form.append(field, new Blob([text], { type: 'text/csv' }), name)
  return form
}

const post = (path: string, form: FormData | undefined, options: { token?: string | null; headers?: Record<string, string> } = {}) =>
  api('POST', path, undefined, { ...options, raw: form })

const bins = binAllocator(1)
const bins6 = bins.six
const bins8 = bins.eight

async function banksOf(channel: number, slugs: string[]) {
  const list = await api('GET', `/api/v1/banks/?channel=${channel}&limit=500`)
  return list.body.results.filter((bank: { slug: string }) => slugs.includes(bank.slug))
}

describe('POST /api/v1/banks/bulk_create/', () => {
  it('creates the good rows and reports the bad and duplicate ones by name', async () => {
    const [a, b, c] = [uid('csv-a'), uid('csv-b'), uid('csv-c')]
    const existing = await api('POST', '/api/v1/banks/', { name: 'Already There', slug: c, channel: CHANNEL })
    expect(existing.status).toBe(201)
    const csv = [
      'name,slug,logo',
      `Akbank,${a},https://cdn.example.com/akbank.png`,
      `"Garanti, BBVA",${b},`,
      'Broken,not a slug!,notaurl',
      `Copy Of Akbank,${a},`,
      `Clash,${c},`,
      `,${uid('csv-noname')},`,
      `${'x'.repeat(65)},${uid('csv-long')},`,
    ].join('\r\n')
    const response = await post(`/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`, upload(csv, 'csv_file'))
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      Akbank: 'created',
      'Garanti, BBVA': 'created',
      Broken: 'slug: Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.; logo: Enter a valid URL.',
      'Copy Of Akbank': 'The fields slug, channel must make a unique set.',
      Clash: 'The fields slug, channel must make a unique set.',
      'row 7': 'name: This field may not be blank.',
      ['x'.repeat(65)]: 'name: Ensure this field has no more than 64 characters.',
    })
    const stored = await banksOf(CHANNEL, [a, b, c])
    expect(stored.map((bank: { name: string; slug: string; logo: string | null }) => [bank.name, bank.slug, bank.logo]).sort()).toEqual(
      [
        ['Akbank', a, 'https://cdn.example.com/akbank.png'],
        ['Already There', c, null],
        ['Garanti, BBVA', b, null],
      ].sort(),
    )
  })

  it('takes the channel from channel_id, ignores read-only columns, answers without the trailing slash', async () => {
    const slug = uid('csv-other')
    const csv = `pk,name,slug,logo,channel,created_date\n99,Other Channel Bank,${slug},,${CHANNEL},2017-01-01\n`
    const response = await post(`/api/v1/banks/bulk_create?channel_id=${OTHER_CHANNEL}`, upload(csv))
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ 'Other Channel Bank': 'created' })
    expect(await banksOf(CHANNEL, [slug])).toEqual([])
    expect((await banksOf(OTHER_CHANNEL, [slug])).map((bank: { pk: number }) => bank.pk)).not.toContain(99)
    expect(await banksOf(OTHER_CHANNEL, [slug])).toHaveLength(1)
  })

  it('reports an unknown column on every row and creates nothing', async () => {
    const slug = uid('csv-unknown')
    const response = await post(`/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`, upload(`name,slug,colour\nRed,${slug},red\n`))
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ Red: 'colour: Unknown field.' })
    expect(await banksOf(CHANNEL, [slug])).toEqual([])
  })

  it.each([
    ['missing channel_id', '', { channel_id: ['This field is required.'] }],
    ['blank channel_id', '?channel_id=', { channel_id: ['This field is required.'] }],
    ['non-numeric channel_id', '?channel_id=1%3Bdrop%20table%20banks', { channel_id: ['A valid integer is required.'] }],
    ['unknown channel', '?channel_id=987654', { channel_id: ['Invalid pk "987654" - object does not exist.'] }],
    ['channel zero', '?channel_id=0', { channel_id: ['Invalid pk "0" - object does not exist.'] }],
  ])('answers 400 for %s and creates nothing', async (_label, query, body) => {
    const slug = uid('csv-refused')
    const response = await post(`/api/v1/banks/bulk_create/${query}`, upload(`name,slug\nRefused,${slug}\n`))
    expect(response.status).toBe(400)
    expect(response.body).toEqual(body)
    expect(await banksOf(CHANNEL, [slug])).toEqual([])
  })

  it('answers 406 file_100_1 without a file, 403 to viewers and 405 to GET', async () => {
    const path = `/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`
    expect(await post(path, undefined)).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    const wrongField = await post(path, upload('name,slug\nX,y\n', 'attachment'))
    expect(wrongField).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    const json = await api('POST', path, { name: 'x', slug: 'y' })
    expect(json).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    const slug = uid('csv-viewer')
    const viewer = await post(path, upload(`name,slug\nViewer,${slug}\n`), { token: inject('viewerToken') })
    expect(viewer.status).toBe(403)
    expect(await banksOf(CHANNEL, [slug])).toEqual([])
    expect((await post(path, upload(`name,slug\nAnon,${slug}\n`), { token: null })).status).toBe(401)
    expect(await api('GET', path)).toMatchObject({ status: 405, body: { detail: 'Method "GET" not allowed.' } })
  })
})

describe('POST /api/v1/cards/{id}/bulk_create/', () => {
  it('creates 6- and 8-digit BINs and reports invalid and existing ones', async () => {
    const card = (await createCard()).pk
    const other = await createCard()
    const [taken] = bins6(1)
    expect((await api('POST', '/api/v1/bin_numbers/', { bin_number: taken, card: other.pk, channel: CHANNEL })).status).toBe(201)
    const [six, sixAgain] = bins6(2)
    const [eight] = bins8(1)
    const csv = ['bin_number', six, eight, '12345', '123456789', 'abcdef', taken, six, '', `"${sixAgain}"`, '4242 42'].join('\n')
    const response = await post(`/api/v1/cards/${card}/bulk_create/`, upload(csv))
    expect(response.status).toBe(200)
    expect(response.headers.get('x-import-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.body).toEqual({
      [six]: 'created',
      [eight]: 'created',
      '12345': INVALID_BIN,
      '123456789': INVALID_BIN,
      abcdef: INVALID_BIN,
      [taken]: 'already exists',
      [sixAgain]: 'created',
      '4242 42': INVALID_BIN,
    })
    const list = await api('GET', `/api/v1/bin_numbers/?card=${card}&ordering=bin_number`)
    expect(list.body.count).toBe(3)
    expect(list.body.results.map((row: { bin_number: string; channel: number; bin_number_length: string; is_active: boolean }) =>
      [row.bin_number, row.channel, row.bin_number_length, row.is_active])).toEqual(
      [[six, CHANNEL, '6', true], [sixAgain, CHANNEL, '6', true], [eight, CHANNEL, '8', true]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    )
    const job = await api('GET', `/api/v1/imports/${response.headers.get('x-import-id')}/`)
    expect(job.body).toMatchObject({ card, channel: CHANNEL, processed: 9, created: 3, existing: 2, invalid: 4, done: true, error: null })
  })

  it('puts BINs in the card’s channel; the same BIN may exist in another channel', async () => {
    const web = await createCard()
    const mobile = await createCard(OTHER_CHANNEL)
    const [bin] = bins8(1)
    expect((await post(`/api/v1/cards/${web.pk}/bulk_create/`, upload(bin))).body).toEqual({ [bin]: 'created' })
    expect((await post(`/api/v1/cards/${mobile.pk}/bulk_create`, upload(`${bin}\r\n`, 'csv_file'))).body).toEqual({ [bin]: 'created' })
    const rows = await api('GET', `/api/v1/bin_numbers/?bin_number=${bin}&ordering=channel`)
    expect(rows.body.results.map((row: { card: number; channel: number }) => [row.card, row.channel])).toEqual([
      [web.pk, CHANNEL],
      [mobile.pk, OTHER_CHANNEL],
    ])
  })

  it('takes the CSV as a raw text/csv body too', async () => {
    const card = (await createCard()).pk
    const [bin] = bins6(1)
    const response = await api('POST', `/api/v1/cards/${card}/bulk_create/`, undefined, {
      headers: { 'content-type': 'text/csv' },
      raw: `bin_number\r\n${bin}\r\nnope\r\n`,
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ [bin]: 'created', nope: INVALID_BIN })
    const banks = await api('POST', `/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`, undefined, {
      headers: { 'content-type': 'text/csv' },
      raw: `name,slug\nRaw Body Bank,${uid('csv-raw')}\n`,
    })
    expect(banks.body).toEqual({ 'Raw Body Bank': 'created' })
  })

  it('answers a summary with ?summary=1 and records progress under the X-Import-Id', async () => {
    const card = (await createCard()).pk
    const bins = bins6(150)
    const lines = [...bins, ...bins.slice(0, 10), ...Array.from({ length: 120 }, (_, index) => `bad-${index}`)]
    const importId = uid('import')
    const response = await post(`/api/v1/cards/${card}/bulk_create/?summary=1`, upload(lines.join('\n')), { headers: { 'X-Import-Id': importId } })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-import-id')).toBe(importId)
    expect(response.body).toMatchObject({ created: 150, existing: 10, invalid: 120 })
    expect(Object.keys(response.body.errors)).toHaveLength(100)
    expect(response.body.errors['bad-0']).toBe(INVALID_BIN)
    const job = await api('GET', `/api/v1/imports/${importId}`)
    expect(job.status).toBe(200)
    expect(job.body).toMatchObject({ id: importId, kind: 'bin_numbers', card, processed: 280, created: 150, existing: 10, invalid: 120, done: true })

    const reused = await post(`/api/v1/cards/${card}/bulk_create/`, upload(bins6(1)[0]), { headers: { 'X-Import-Id': importId } })
    expect(reused.status).toBe(400)
    expect(reused.body).toEqual({ 'X-Import-Id': ['An import with this id already exists.'] })
    const malformed = await post(`/api/v1/cards/${card}/bulk_create/`, upload(bins6(1)[0]), { headers: { 'X-Import-Id': "x' or 1=1 --" } })
    expect(malformed.status).toBe(400)
    expect(Object.keys(malformed.body)).toEqual(['X-Import-Id'])
    expect((await api('GET', '/api/v1/imports/no-such-import/')).status).toBe(404)
    expect((await api('GET', `/api/v1/bin_numbers/?card=${card}&limit=1`)).body.count).toBe(150)
  })

  it('answers 404 for unknown cards, 406 file_100_1 without a file, 403 to viewers', async () => {
    const [bin] = bins6(1)
    expect(await post('/api/v1/cards/999999/bulk_create/', upload(bin))).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
    expect((await post('/api/v1/cards/abc/bulk_create/', upload(bin))).status).toBe(404)
    const card = (await createCard()).pk
    const path = `/api/v1/cards/${card}/bulk_create/`
    expect(await post(path, undefined)).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    expect(await post(path, upload(bin, 'upload'))).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    expect(await post(path, upload(''))).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    expect(await post(path, upload('\n \n'))).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    expect(await api('POST', path, { bin_number: bin })).toMatchObject({ status: 406, body: FILE_NOT_FOUND })
    expect((await post(path, upload(bin), { token: inject('viewerToken') })).status).toBe(403)
    expect((await api('GET', path)).status).toBe(405)
    expect((await api('GET', `/api/v1/bin_numbers/?card=${card}`)).body.count).toBe(0)
  })

  it('imports a 50,000-line file in one request, streamed, with exact counts', async () => {
    const card = (await createCard(OTHER_CHANNEL)).pk
    const countOf = async (query: string) => (await api('GET', `/api/v1/bin_numbers/?${query}&limit=1`)).body.count as number
    const before = await countOf(`channel=${OTHER_CHANNEL}`)
    const bins = bins8(49_900)
    const lines = ['bin_number', ...bins, ...bins.slice(0, 50), ...Array.from({ length: 50 }, (_, index) => `x${index}`)]
    const importId = uid('big')
    const response = await post(`/api/v1/cards/${card}/bulk_create/`, upload(lines.join('\n')), { headers: { 'X-Import-Id': importId } })
    expect(response.status).toBe(200)
    const statuses = Object.values(response.body as Record<string, string>)
    expect(statuses).toHaveLength(49_950)
    expect(statuses.filter((status) => status === 'created')).toHaveLength(49_900)
    const job = await api('GET', `/api/v1/imports/${importId}/`)
    expect(job.body).toMatchObject({ processed: 50_000, created: 49_900, existing: 50, invalid: 50, done: true })
    expect(await countOf(`card=${card}`)).toBe(49_900)
    // Unfiltered and channel-only counts come from row_counts; with another filter, from count(*).
    expect(await countOf(`channel=${OTHER_CHANNEL}`)).toBe(before + 49_900)
    expect(await countOf(`channel=${OTHER_CHANNEL}`)).toBe(await countOf(`channel=${OTHER_CHANNEL}&id__gte=1`))
    expect(await countOf('ordering=-modified_date')).toBe(await countOf('id__gte=1'))

    // A deep page (offset ≥ 1000 reads ids first, then rows) holds exactly the rows of that position.
    const deep = await api('GET', `/api/v1/bin_numbers/?card=${card}&ordering=-bin_number&limit=20&page=60`)
    const descending = [...bins].sort().reverse()
    expect(deep.body.results.map((row: { bin_number: string }) => row.bin_number)).toEqual(descending.slice(59 * 20, 60 * 20))
    expect(deep.body.next).toContain('page=61')

    // Deleting the card deletes its BINs (cascade): the kept counts follow.
    expect((await api('DELETE', `/api/v1/cards/${card}/`)).status).toBe(204)
    expect(await countOf(`channel=${OTHER_CHANNEL}`)).toBe(before)
    expect(await countOf(`channel=${OTHER_CHANNEL}`)).toBe(await countOf(`channel=${OTHER_CHANNEL}&id__gte=1`))
  })
})
