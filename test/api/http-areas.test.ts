import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SERVER_ENV, SERVER_V8_FLAGS, startAppServer, type AppServer } from '../../scripts/app-server'
import { allowedMethods } from '@/lib/http/area'
import { AREA_PATH_PREFIXES } from '@/lib/http/area-paths'
import { areas, matchRoute, routes } from '@/lib/http/routes'
import { api, baseUrl, CHANNEL, uid } from '../helpers/api'
import { signIn } from '../helpers/session'
import { productsBySku, Visitor } from '../helpers/shop'

const root = path.resolve(import.meta.dirname, '../..')

/** The app folder a route file for `pattern` lives in (`{id}` → `[id]`, `{path*}` → `[...path]`). */
function routeFile(pattern: string): string {
  const folder = pattern
    .replace(/\/$/, '')
    .replace(/\{(\w+)\*\}/g, '[...$1]')
    .replace(/\{(\w+)\}/g, '[$1]')
  return path.join(root, 'app', folder, 'route.ts')
}

function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

/** A request body of `bytes` spaces, streamed in 64 kB chunks with no Content-Length. */
function streamedBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      sent += chunk.length
      controller.enqueue(chunk)
    },
  })
}

describe('the route table', () => {
  it('declares each path once per method, in one area, with a Next route file for the Next door', () => {
    expect(routes.length).toBeGreaterThan(40)
    expect(areas.map((area) => area.name)).toContain('api-v1')
    for (const area of areas) for (const prefix of area.prefixes) expect(AREA_PATH_PREFIXES, `${area.name} in lib/http/area-paths.ts`).toContain(prefix)
    for (const entry of routes) {
      expect(entry.area.prefixes.some((prefix) => entry.pattern.startsWith(prefix)), `${entry.pattern} under its area's prefixes`).toBe(true)
      expect(existsSync(routeFile(entry.pattern)), `${entry.pattern} has app/…/route.ts`).toBe(true)
      const file = readFileSync(routeFile(entry.pattern), 'utf8')
      expect(file, entry.pattern).toContain(`nextRoute('${entry.pattern}')`)
      // The matcher finds the route's own pattern back, with and without the trailing slash.
      const concrete = entry.pattern.replace(/\{(\w+)\*?\}/g, '7')
      expect(matchRoute(concrete)?.routes, concrete).toContain(entry)
      expect(matchRoute(concrete.replace(/\/$/, ''))?.routes, concrete).toContain(entry)
    }
  })

  it('answers OPTIONS on every path with the methods the table gives it', async () => {
    const seen = new Set<string>()
    for (const entry of routes) {
      if (seen.has(entry.pattern)) continue
      seen.add(entry.pattern)
      const concrete = entry.pattern.replace(/\{(\w+)\*?\}/g, '7')
      const response = await fetch(`${baseUrl()}${concrete}`, { method: 'OPTIONS' })
      expect(response.status, concrete).toBe(204)
      expect(response.headers.get('allow'), concrete).toBe(allowedMethods(matchRoute(concrete)!.routes).join(', '))
    }
  })

  it('answers 405 with Allow for a method the path does not take, after authentication', async () => {
    expect((await api('PUT', '/api/v1/banks/', {}, { token: null })).status).toBe(401)
    const response = await api('PUT', '/api/v1/banks/', {})
    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "PUT" not allowed.' })
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
  })
})

describe('malformed paths', () => {
  it('answers a bad %-escape with a 4xx, never a 500', async () => {
    const cases: [string, number][] = [
      ['/api/v1/banks/%ff/', 404],
      ['/api/v1/banks/%E0%A4%A/', 404],
      ['/api/v1/bin_numbers/%c0%ae/', 404],
      ['/media/%c0%ae', 404],
      ['/media/card-types/%ff.png', 404],
      ['/sales-channels/%ff', 400],
      ['/login/%', 400],
    ]
    for (const [url, status] of cases) {
      const response = await api('GET', url)
      expect(response.status, url).toBe(status)
    }
  })
})

describe('same origin for cookie-authenticated writes', () => {
  let cookie: string
  beforeAll(async () => {
    const signedIn = await signIn('admin@example.com', 'admin-password')
    expect(signedIn).toBeTruthy()
    cookie = signedIn!
  })

  const bank = () => ({ name: `Origin Bank ${uid()}`, slug: uid('origin'), channel: CHANNEL })
  const count = async () => (await api('GET', '/api/v1/banks/?limit=1')).body.count as number

  it('refuses a cookie-authenticated write from another origin, in any body type, and changes nothing', async () => {
    const before = await count()
    const other = new URL(baseUrl())
    other.port = String(Number(other.port) + 1)
    const forged: [string, Record<string, string>, string][] = [
      ['text/plain from another port', { origin: other.origin, 'content-type': 'text/plain' }, JSON.stringify(bank())],
      ['form-encoded from another site', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(bank() as never).toString()],
      ['JSON with Origin null (sandboxed frame)', { origin: 'null', 'content-type': 'application/json' }, JSON.stringify(bank())],
      ['no Origin, same-site fetch metadata', { 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' }, JSON.stringify(bank())],
      ['no Origin at all', { 'content-type': 'application/json' }, JSON.stringify(bank())],
    ]
    for (const [name, headers, body] of forged) {
      const response = await api('POST', '/api/v1/banks/', undefined, { token: null, headers: { cookie, ...headers }, raw: body })
      expect(response.status, name).toBe(403)
      expect(response.body.detail, name).toMatch(/^CSRF Failed: /)
    }
    const bankId = (await api('POST', '/api/v1/banks/', bank())).body.pk
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const response = await api(method, `/api/v1/banks/${bankId}/`, method === 'DELETE' ? undefined : bank(), { token: null, headers: { cookie, origin: 'https://evil.example' } })
      expect(response.status, method).toBe(403)
    }
    expect((await api('GET', `/api/v1/banks/${bankId}/`)).status).toBe(200)
    expect(await count()).toBe(before + 1)
  })

  it('accepts the same write from its own origin, and cookie reads from anywhere', async () => {
    const own = await api('POST', '/api/v1/banks/', bank(), { token: null, headers: { cookie, origin: baseUrl() } })
    expect(own.status).toBe(201)
    const fetchMetadata = await api('POST', '/api/v1/banks/', bank(), { token: null, headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    expect(fetchMetadata.status).toBe(201)
    const read = await api('GET', `/api/v1/banks/${own.body.pk}/`, undefined, { token: null, headers: { cookie, origin: 'https://evil.example' } })
    expect(read.status).toBe(200)
  })

  it('does not check token-authenticated calls', async () => {
    const response = await api('POST', '/api/v1/banks/', undefined, { headers: { origin: 'https://elsewhere.example', 'content-type': 'text/plain' }, raw: JSON.stringify(bank()) })
    expect(response.status).toBe(201)
  })
})

describe('security headers', () => {
  const expectSecurityHeaders = (headers: Headers, label: string) => {
    expect(headers.get('content-security-policy'), label).toContain("frame-ancestors 'none'")
    expect(headers.get('x-content-type-options'), label).toBe('nosniff')
    expect(headers.get('referrer-policy'), label).toBe('same-origin')
  }

  it('are on console pages and on every API answer, errors included', async () => {
    const login = await fetch(`${baseUrl()}/login`)
    expectSecurityHeaders(login.headers, '/login')
    expect(login.headers.get('content-security-policy')).toContain("default-src 'self'")
    const answers: [string, string, string | null][] = [
      ['200', '/api/v1/banks/?limit=1', inject('token')],
      ['401', '/api/v1/banks/', null],
      ['404', '/api/v1/banks/999999999/', inject('token')],
      ['400', '/api/v1/banks/?limit=x', inject('token')],
      ['public', '/api/v1/openapi.json', null],
    ]
    for (const [label, url, token] of answers) {
      const response = await api('GET', url, undefined, { token })
      expectSecurityHeaders(response.headers, label)
      expect(response.headers.get('content-security-policy'), label).toBe("default-src 'none'; frame-ancestors 'none'")
      expect(response.headers.get('strict-transport-security'), label).toBeNull()
    }
  })

  it('add HSTS when a TLS proxy says the request came over HTTPS', async () => {
    const page = await fetch(`${baseUrl()}/login`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
    const answer = await api('GET', '/api/v1/banks/?limit=1', undefined, { headers: { 'x-forwarded-proto': 'https' } })
    expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
  })

  it('leave a media file its own sandboxing policy', async () => {
    const missing = await fetch(`${baseUrl()}/media/card-types/none.png`)
    expect(missing.status).toBe(404)
    expectSecurityHeaders(missing.headers, 'media 404')
  })
})

describe('body caps', () => {
  it('refuses a JSON body over the cap with 413, declared or streamed, and changes nothing', async () => {
    const before = (await api('GET', '/api/v1/banks/?limit=1')).body.count
    const declared = await api('POST', '/api/v1/banks/', undefined, { raw: `{"name": "${'x'.repeat(2 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } })
    expect(declared.status).toBe(413)
    expect(declared.body.detail).toMatch(/^Request body is too large/)
    expect((await api('GET', '/api/v1/banks/?limit=1')).body.count).toBe(before)
  })

  it('does not read a 60 MB body into memory (four at once)', async () => {
    const pid = inject('serverPid')
    const before = rssMb(pid)
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${baseUrl()}/api/v1/banks/`, {
          method: 'POST',
          headers: { authorization: `Token ${inject('token')}`, 'content-type': 'application/json' },
          body: streamedBody(60 * 1024 * 1024),
          // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
          duplex: 'half',
        }).then(async (response) => ({ status: response.status, body: await response.json() })),
      ),
    )
    for (const response of responses) {
      expect(response.status).toBe(413)
      expect(response.body.detail).toMatch(/^Request body is too large/)
    }
    const after = rssMb(pid)
    // Read whole, four bodies would add 240 MB and more (their strings twice that).
    if (before !== null && after !== null) expect(after - before).toBeLessThan(80)
  })
})

describe('the production server process', () => {
  // (Linux: what the process maps and was started with, from /proc.)
  const proc = (pid: number, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8')
    } catch {
      return null
    }
  }

  it('takes the config the build serialized: no compiler stays resident', () => {
    const maps = proc(inject('serverPid'), 'maps')
    if (maps === null) return
    expect(maps).not.toMatch(/next-swc/)
  })

  it('gives large freed blocks back to the system (a fixed glibc mmap threshold)', () => {
    const environ = proc(inject('serverPid'), 'environ')
    if (environ === null) return
    expect(environ.split('\0')).toContain(`MALLOC_MMAP_THRESHOLD_=${SERVER_ENV.MALLOC_MMAP_THRESHOLD_}`)
  })

  it('keeps the old generation close to what is live (V8 heap growing at 1.4 ×)', () => {
    const command = proc(inject('serverPid'), 'cmdline')
    if (command === null) return
    expect(command.split('\0')).toEqual(expect.arrayContaining(SERVER_V8_FLAGS))
  })
})

describe('both doors answer alike', () => {
  // A second server on the same PostgreSQL database with the fast path off: every table path goes
  // through Next's route files. (One process owns a PGlite folder, so this runs on PostgreSQL only.)
  let nextDoor: AppServer | undefined
  const databaseUrl = inject('databaseUrl')
  beforeAll(async () => {
    if (!databaseUrl) return
    const port = Number(new URL(baseUrl()).port) + 40
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, API_FAST_PATH: '0', SEED_API_TOKEN: inject('token'), SEED_VIEWER_API_TOKEN: inject('viewerToken') }
    nextDoor = await startAppServer(port, env, 90_000)
  }, 120_000)
  afterAll(async () => {
    await nextDoor?.stop()
  })

  // Malformed %-escapes too: Next's own param decoding would answer them 500, so proxy.ts hands API paths
  // to one static route where the table answers them (what `next dev` does for every path).
  it.skipIf(!databaseUrl)('gives the same status, body and headers through Next as on the fast path', async () => {
    const bank = (await api('POST', '/api/v1/banks/', { name: `Doors ${uid()}`, slug: uid('doors'), channel: CHANNEL })).body
    const [product] = Object.values(await productsBySku(await new Visitor().start()))
    const token = inject('token')
    const requests: [string, string, string | undefined, Record<string, string>][] = [
      ['GET', '/api/v1/banks/?ordering=-pk&limit=2', undefined, {}],
      ['GET', `/api/v1/banks/${bank.pk}/`, undefined, {}],
      ['GET', `/api/v1/banks/${bank.pk}`, undefined, {}],
      ['GET', '/api/v1/banks/schema/', undefined, {}],
      ['GET', '/api/v1/banks/?limit=x', undefined, {}],
      ['GET', '/api/v1/banks/', undefined, { authorization: 'Token nope' }],
      ['PUT', '/api/v1/banks/', '{}', { 'content-type': 'application/json' }],
      ['PATCH', `/api/v1/banks/${bank.pk}/`, '{"name": ', { 'content-type': 'application/json' }],
      ['PATCH', `/api/v1/banks/${bank.pk}/`, '<a/>', { 'content-type': 'application/xml' }],
      ['POST', '/api/v1/banks/', `"${'x'.repeat(1024 * 1024)}"`, { 'content-type': 'application/json' }],
      ['HEAD', `/api/v1/banks/${bank.pk}/`, undefined, {}],
      ['OPTIONS', `/api/v1/cards/${bank.pk}/bulk_create/`, undefined, {}],
      ['GET', '/api/v1/openapi.json', undefined, { authorization: '' }],
      ['GET', '/api/v1/banks/?limit=1', undefined, { 'x-forwarded-proto': 'https' }],
      ['GET', '/api/v1/banks/%ff/', undefined, {}],
      ['GET', '/api/v1/banks/%c0%ae/', undefined, { authorization: 'Token nope' }],
      ['DELETE', '/api/v1/cards/%ff/', undefined, {}],
      // The storefront's card lookups answer with bytes encoded once and kept; their cookies are set on the record.
      ['GET', `/payments/cards/product/${product.pk}/`, undefined, { 'accept-language': 'tr' }],
      ['GET', `/payments/cards/product/${product.pk}/?bin_number=41111111`, undefined, { 'accept-language': 'en' }],
      ['GET', `/payments/cards/product/${product.pk}/?bin_number=4111`, undefined, {}],
    ]
    const compared = ['content-type', 'allow', 'www-authenticate', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'strict-transport-security', 'cache-control']
    for (const [method, url, body, extra] of requests) {
      const headers: Record<string, string> = { authorization: `Token ${token}`, ...extra }
      if (!headers.authorization) delete headers.authorization
      const [fast, viaNext] = await Promise.all(
        [baseUrl(), nextDoor!.baseUrl].map(async (base) => {
          const response = await fetch(`${base}${url}`, { method, headers, body })
          // Cookies by name and attributes (their values are each server's own).
          const cookies = response.headers.getSetCookie().map((cookie) => cookie.replace(/=[^;]*/, '=…'))
          // (Next adds its own Vary names.)
          const variesByCookie = /\bCookie\b/.test(response.headers.get('vary') ?? '')
          return { status: response.status, body: (await response.text()).replaceAll(new URL(base).host, 'HOST'), headers: Object.fromEntries(compared.map((name) => [name, response.headers.get(name)])), cookies, variesByCookie }
        }),
      )
      expect(viaNext, `${method} ${url}`).toEqual(fast)
    }
  })
})
