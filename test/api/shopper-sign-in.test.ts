import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOwnServer, Visitor } from '../helpers/shop'

/**
 * Storefront sign-in over HTTP (issue 9, item 7): the console's throttle, so failures from one client
 * stop that client, never the shopper signing in from their own device. A server of its own (its own
 * database, TRUST_PROXY=1 so the test can be two clients), so the shared server's shoppers stay open.
 */
describe('storefront sign-in throttle', () => {
  let own: Awaited<ReturnType<typeof startOwnServer>>
  beforeAll(async () => {
    own = await startOwnServer({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_CLIENT_FAILURES: '20' })
  }, 120_000)
  afterAll(async () => own?.stop())

  const from = async (address: string) => {
    const visitor = new Visitor(own.server.baseUrl)
    await visitor.send('GET', '/baskets/basket/', undefined, { headers: { 'x-forwarded-for': address } })
    return (body: unknown) => visitor.call('POST', '/users/login/', body, { headers: { 'x-forwarded-for': address } })
  }

  it('stops the client that guesses, with 429 and Retry-After, and lets the owner in from elsewhere', async () => {
    const attacker = await from('203.0.113.5')
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await attacker({ email: 'shopper2@example.com', password: `guess-${i}` })).status)
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429])
    const refused = await attacker({ email: 'shopper2@example.com', password: 'shopper2-password' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/)

    const owner = await from('198.51.100.7')
    expect(await owner({ email: 'shopper2@example.com', password: 'shopper2-password' })).toMatchObject({ status: 200, body: { email: 'shopper2@example.com' } })
  })

  it('counts parallel guesses atomically: 12 at once, no more than 5 are checked', async () => {
    const attacker = await from('203.0.113.77')
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => attacker({ email: 'shopper@example.com', password: `parallel-${i}` })))
    expect(replies.filter((reply) => reply.status === 400)).toHaveLength(5)
    expect(replies.filter((reply) => reply.status === 429)).toHaveLength(7)
  })
})

/**
 * Without a trusted proxy the client is the socket's peer: a header a client sends under the name the
 * server stamps the peer with (or an X-Forwarded-For) must not make one guesser look like many.
 */
describe('storefront sign-in throttle without a trusted proxy', () => {
  let own: Awaited<ReturnType<typeof startOwnServer>>
  beforeAll(async () => {
    own = await startOwnServer({ LOGIN_MAX_CLIENT_FAILURES: '3' })
  }, 120_000)
  afterAll(async () => own?.stop())

  it('counts a client by its socket, whatever address it claims', async () => {
    const visitor = new Visitor(own.server.baseUrl)
    await visitor.send('GET', '/baskets/basket/')
    const statuses = []
    for (let i = 0; i < 5; i++) {
      const claimed = `203.0.113.${i + 10}`
      const reply = await visitor.call('POST', '/users/login/', { email: `nobody-${i}@example.com`, password: 'guess' }, {
        headers: { 'x-pm-peer-address': claimed, 'x-forwarded-for': claimed },
      })
      statuses.push(reply.status)
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429])
  })
})
