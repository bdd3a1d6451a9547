import { describe, expect, it } from 'vitest'
import { api, baseUrl, uid } from '../helpers/api'
import { rawRow } from '../fixtures/payments'
import { signInAttempt, signInSession, signOut } from '../helpers/session'

const asCookie = (cookie: string) => ({ token: null, headers: { cookie, origin: baseUrl() } })

describe('console sessions and sign-in over HTTP (issue 9, items 7 and 8)', () => {
  it('ends the session on the server at sign-out: the old cookie neither reads nor writes', async () => {
    const { cookie } = await signInSession('admin@example.com', 'admin-password')
    expect((await api('GET', '/api/v1/banks/', undefined, asCookie(cookie))).status).toBe(200)
    const out = await signOut(cookie)
    expect(out.status).toBe(303)
    expect(out.location).toMatch(/\/login$/)
    // The cookie as it was before sign-out (a copy an attacker kept) is dead too.
    expect(await api('GET', '/api/v1/banks/', undefined, asCookie(cookie))).toMatchObject({ status: 401 })
    const slug = uid('after-signout')
    expect((await api('POST', '/api/v1/banks/', { name: 'After sign-out', slug, channel: 1 }, asCookie(cookie))).status).toBe(401)
    const banks = await api('GET', '/api/v1/banks/?limit=500&ordering=-pk')
    expect(banks.body.results.filter((bank: { slug: string }) => bank.slug === slug)).toEqual([])
    const page = await fetch(`${baseUrl()}/sales-channels/payment-management/pos`, { headers: { cookie }, redirect: 'manual' })
    expect([303, 307, 308]).toContain(page.status)
  })

  it('does not trust X-Forwarded-For without TRUST_PROXY: rotating it does not reset the throttle', async () => {
    const email = `${uid('nobody')}@example.com`
    const answers: string[] = []
    for (let attempt = 0; attempt < 8; attempt++) {
      const result = await signInAttempt(email, `wrong-${attempt}`, { 'x-forwarded-for': `203.0.113.${attempt + 1}` })
      answers.push(/Too many sign-in attempts/.test(result.html) ? 'throttled' : /Wrong email or password/.test(result.html) ? 'wrong' : `other ${result.status}`)
    }
    expect(answers).toEqual([...Array(5).fill('wrong'), ...Array(3).fill('throttled')])
    // The client is the socket's peer (stamped by instrumentation.ts), not a name for "nobody knows".
    const keys = await rawRow('select key from login_throttle where key like $1', [`pair:${email}|%`])
    if (keys) expect(keys.map((row) => row.key)).toEqual([expect.stringMatching(/\|(::ffff:)?127\.0\.0\.1$/)])
  })
})
