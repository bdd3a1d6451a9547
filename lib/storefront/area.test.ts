import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The storefront area on the route table, in process (no server): the same runRoute both doors call,
// over an embedded database the area's services open through getDb().
const dir = mkdtempSync(path.join(tmpdir(), 'pm-area-'))
process.env.PGLITE_DIR = path.join(dir, 'db')
delete process.env.DATABASE_URL

let runRoute: typeof import('@/lib/http/area').runRoute
let matchRoute: typeof import('@/lib/http/routes').matchRoute
let routes: typeof import('@/lib/http/routes').routes
let AREA_PATH_PREFIXES: string[]
const jar = new Map<string, string>()

async function call(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
  const url = new URL(`http://shop.test${pathname}`)
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const request = new Request(url, {
    method,
    headers: { host: 'shop.test', ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const match = matchRoute(url.pathname)
  expect(match, pathname).not.toBeNull()
  const response = await runRoute(request, url, match!)
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0]
    jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
  }
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}

beforeAll(async () => {
  const { getDb } = await import('@/db/connection')
  const { migrateToLatest } = await import('@/db/migrate')
  const { seedDatabase } = await import('@/db/seed')
  const db = await getDb()
  await migrateToLatest(db)
  await seedDatabase(db, { NODE_ENV: 'test' })
  ;({ runRoute } = await import('@/lib/http/area'))
  ;({ matchRoute, routes } = await import('@/lib/http/routes'))
  ;({ AREA_PATH_PREFIXES } = await import('@/lib/http/area-paths'))
}, 120_000)

afterAll(async () => {
  const { closeDb } = await import('@/db/connection')
  await closeDb()
  rmSync(dir, { recursive: true, force: true })
})

describe('the storefront area', () => {
  it('is on the route table under prefixes next.config knows', () => {
    const mine = routes.filter((entry) => entry.area.name === 'storefront')
    // Every storefront door, the spec's and the demo checkout's, and nothing else.
    expect(mine.map((entry) => `${entry.method} ${entry.pattern}`).sort()).toEqual(
      [
        'GET /payments/cards/basket/',
        'GET /payments/cards/pre-order/',
        'GET /payments/cards/product/{pk}/',
        'POST /payments/stored-cards/',
        'POST /payments/stored-cards/otp/',
        'GET /payments/stored-cards/phone-number/',
        'POST /payments/stored-cards/phone-number/',
        'GET /masterpass-js/',
        'GET /users/saved-cards/',
        'DELETE /users/saved-cards/{pk}/',
        'POST /users/login/',
        'POST /users/logout/',
        'GET /products/',
        'GET /products/{pk}/',
        'GET /baskets/basket/',
        'POST /baskets/basket/',
        'GET /orders/checkout/',
        'POST /orders/checkout/',
        'GET /storefront/sms-hint/',
        'POST /storefront/checkout/pay',
        'GET /storefront/checkout/3d-return',
        'POST /storefront/3d-secure/verify',
      ].sort(),
    )
    for (const prefix of mine[0].area.prefixes) expect(AREA_PATH_PREFIXES).toContain(prefix)
  })

  it('sets the cookies on the first answer, refuses writes without the CSRF token, and serves a session across calls', async () => {
    const first = await call('GET', '/products/')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('private, no-store')
    expect(jar.has('osessionid') && jar.has('csrftoken')).toBe(true)
    const product = first.body.results.find((row: { sku: string }) => row.sku === 'lamp-01')
    expect(await call('POST', '/baskets/basket/', { product: product.pk, quantity: 1 })).toMatchObject({ status: 403, body: { detail: 'CSRF Failed: CSRF token missing or incorrect.' } })
    const csrf = { 'x-csrftoken': jar.get('csrftoken')! }
    expect(await call('POST', '/baskets/basket/', { product: product.pk, quantity: 2 }, csrf)).toMatchObject({ status: 200, body: { total_amount: '1000.00' } })
    const cards = await call('GET', '/payments/cards/basket/?bin_number=411111')
    expect(cards.body.results[0].installments.map((plan: { installment_count: number }) => plan.installment_count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(await call('GET', '/payments/stored-cards/phone-number/')).toMatchObject({ status: 401, body: { detail: 'Authentication credentials were not provided.' } })
    expect((await call('POST', '/users/login/', { email: 'shopper@example.com', password: 'shopper-password' }, csrf)).status).toBe(200)
    expect(await call('GET', '/payments/stored-cards/phone-number')).toMatchObject({ status: 200, body: { phone_number: '5551234567' } })
    expect((await call('GET', '/baskets/basket/')).body.total_amount).toBe('1000.00')
    expect(await call('PUT', '/baskets/basket/', {}, csrf)).toMatchObject({ status: 405, body: { detail: 'Method "PUT" not allowed.' } })
    expect((await call('OPTIONS', '/masterpass-js/')).headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })
})
