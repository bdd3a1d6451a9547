import { describe, expect, it } from 'vitest'
import { api, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'

describe('/api/v1/banks', () => {
  it('creates, reads, lists, updates and deletes a bank as the spec shows', async () => {
    const slug = uid('test-bank')
    const created = await api('POST', '/api/v1/banks/', { name: 'Test Bank', slug, logo: null, channel: CHANNEL })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      name: 'Test Bank',
      slug,
      logo: null,
      channel: CHANNEL,
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    const id = created.body.pk

    const detail = await api('GET', `/api/v1/banks/${id}/`)
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(created.body)

    const list = await api('GET', `/api/v1/banks/?channel=${CHANNEL}&id=${id}`)
    expect(list.status).toBe(200)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    const updated = await api('PUT', `/api/v1/banks/${id}/`, { name: 'Edited Test Bank', slug, logo: null, channel: CHANNEL })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ pk: id, name: 'Edited Test Bank', slug, created_date: created.body.created_date })

    const patched = await api('PATCH', `/api/v1/banks/${id}`, { logo: 'https://cdn.example.com/bank.png' })
    expect(patched.status).toBe(200)
    expect(patched.body.logo).toBe('https://cdn.example.com/bank.png')
    expect(patched.body.name).toBe('Edited Test Bank')

    const removed = await api('DELETE', `/api/v1/banks/${id}/`)
    expect(removed.status).toBe(204)
    expect((await api('GET', `/api/v1/banks/${id}/`)).status).toBe(404)
  })

  it('answers the unique-set and channel-change errors of the spec', async () => {
    const slug = uid('dup-bank')
    const first = await api('POST', '/api/v1/banks/', { name: 'A', slug, channel: CHANNEL })
    expect(first.status).toBe(201)
    const duplicate = await api('POST', '/api/v1/banks/', { name: 'B', slug, channel: CHANNEL })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body).toEqual({ non_field_errors: ['The fields slug, channel must make a unique set.'] })

    const moved = await api('PATCH', `/api/v1/banks/${first.body.pk}/`, { channel: OTHER_CHANNEL })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of Bank: ${slug} cannot change.`, error_code: 'bank_100_2' })
  })

  it('answers 401 without credentials, 404 for unknown ids and 405 for wrong methods', async () => {
    expect((await api('GET', '/api/v1/banks/', undefined, { token: null })).status).toBe(401)
    expect((await api('GET', '/api/v1/banks/', undefined, { token: 'wrong' })).status).toBe(401)
    expect((await api('GET', '/api/v1/banks/999999/')).body).toEqual({ detail: 'Not found.' })
    const wrong = await api('DELETE', '/api/v1/banks/')
    expect(wrong.status).toBe(405)
    expect(wrong.body).toEqual({ detail: 'Method "DELETE" not allowed.' })
  })
})
