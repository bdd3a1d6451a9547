import { describe, expect, inject, it } from 'vitest'
import { api, CHANNEL, uid } from '../helpers/api'

describe('API authentication and roles', () => {
  it('answers 401 with a DRF detail for missing, malformed and unknown tokens', async () => {
    const none = await api('GET', '/api/v1/banks/', undefined, { token: null })
    expect(none.status).toBe(401)
    expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.' })
    const malformed = await api('GET', '/api/v1/banks/', undefined, { token: null, headers: { authorization: 'Bearer abc' } })
    expect(malformed.status).toBe(401)
    const unknown = await api('GET', '/api/v1/banks/', undefined, { token: 'pm_not_a_real_key' })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual({ detail: 'Invalid token.' })
  })

  it('lets a viewer read but not write, and changes nothing', async () => {
    const viewer = inject('viewerToken')
    const slug = uid('viewer-bank')
    const list = await api('GET', '/api/v1/banks/', undefined, { token: viewer })
    expect(list.status).toBe(200)
    const create = await api('POST', '/api/v1/banks/', { name: 'Viewer Bank', slug, channel: CHANNEL }, { token: viewer })
    expect(create.status).toBe(403)
    expect(create.body).toEqual({ detail: 'You do not have permission to perform this action.' })
    const after = await api('GET', `/api/v1/banks/?slug=${slug}`)
    expect(after.body.results.filter((bank: { slug: string }) => bank.slug === slug)).toEqual([])

    const own = await api('POST', '/api/v1/banks/', { name: 'Admin Bank', slug, channel: CHANNEL })
    expect(own.status).toBe(201)
    expect((await api('PATCH', `/api/v1/banks/${own.body.pk}/`, { name: 'Changed' }, { token: viewer })).status).toBe(403)
    expect((await api('DELETE', `/api/v1/banks/${own.body.pk}/`, undefined, { token: viewer })).status).toBe(403)
    expect((await api('GET', `/api/v1/banks/${own.body.pk}/`)).body.name).toBe('Admin Bank')
  })

  it('answers every path with and without the trailing slash, without redirects', async () => {
    const withSlash = await api('GET', '/api/v1/banks/')
    const withoutSlash = await api('GET', '/api/v1/banks')
    expect(withSlash.status).toBe(200)
    expect(withoutSlash.status).toBe(200)
    const created = await api('POST', '/api/v1/banks', { name: 'No Slash', slug: uid('noslash'), channel: CHANNEL })
    expect(created.status).toBe(201)
  })
})
