import fc from 'fast-check'
import pg from 'pg'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { Area, Route } from '@/lib/http/area'
import { areas, routes } from '@/lib/http/routes'
import { api, baseUrl } from '../helpers/api'
import { ORGANIZATION } from '../helpers/om'
import { Visitor } from '../helpers/shop'

/**
 * The bad-input table of issue 9, GENERATED FROM THE ROUTE TABLE (lib/http/routes.ts): every route of
 * every area gets the same hostile inputs — object-method names as body keys, filters and ordering;
 * wrong types; huge, NaN/Infinity, negative and over-precise numbers; bad %-escapes in path segments;
 * bodies over the area's cap (413); a type no parser takes; cut-off JSON — and a property-based run
 * (fast-check). Every answer must be a 4xx (never a 5xx), a 400 must name the field (or the body) in
 * the area's error shape, and the database must be unchanged. A new area inherits all of it by adding a
 * CALLERS entry (how its clients authenticate, how its errors name fields); the test fails until it does.
 */

type Reply = { status: number; body: any; text: string }
interface Send {
  body?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>
  contentType?: string
  headers?: Record<string, string>
}

interface Caller {
  /** Calls the area as its clients do (token, api-key + organization, shopper cookies + CSRF). */
  call: (method: string, path: string, send?: Send) => Promise<Reply>
  /** The names a 400 of this area gives (DRF: the body's keys; OM: `error.fields`). */
  named: (reply: Reply) => string[]
  /** The names a whole-body error uses (the body is not an object, not JSON…). */
  bodyNames: string[]
  /** A real value for a path parameter (an existing record, so updates reach validation). */
  sample: (pattern: string, param: string) => Promise<string>
}

async function fetchReply(path: string, method: string, headers: Record<string, string>, send: Send = {}): Promise<Reply> {
  const all: Record<string, string> = { ...headers, ...send.headers }
  if (send.body !== undefined) all['content-type'] = send.contentType ?? 'application/json'
  const init: RequestInit & { duplex?: string } = { method, headers: all, body: send.body as BodyInit | undefined, redirect: 'manual' }
  if (send.body instanceof ReadableStream) init.duplex = 'half'
  const response = await fetch(`${baseUrl()}${path}`, init)
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON
  }
  return { status: response.status, body, text }
}

const drfNames = (reply: Reply) => (reply.body && typeof reply.body === 'object' && !Array.isArray(reply.body) ? Object.keys(reply.body) : [])
const tokenHeaders = () => ({ authorization: `Token ${inject('token')}` })

async function firstOf(path: string, pick: (body: any) => unknown): Promise<string> {
  const reply = await fetchReply(path, 'GET', tokenHeaders())
  const value = reply.status === 200 ? pick(reply.body) : undefined
  return value === undefined || value === null ? '7' : String(value)
}

let visitor: Visitor
let reader: Visitor | undefined
const omHeaders = () => ({ 'api-key': inject('omKey'), 'organization-id': ORGANIZATION })

const CALLERS: Record<string, Caller> = {
  'api-v1': {
    call: (method, path, send) => fetchReply(path, method, tokenHeaders(), send),
    named: drfNames,
    bodyNames: ['non_field_errors', 'detail'],
    sample: (pattern) => firstOf(`${pattern.slice(0, pattern.indexOf('{'))}?limit=1&ordering=pk`, (body) => body?.results?.[0]?.pk),
  },
  ledger: {
    call: (method, path, send) => fetchReply(path, method, tokenHeaders(), send),
    named: drfNames,
    bodyNames: ['non_field_errors', 'detail'],
    sample: (pattern, param) =>
      param === 'refund_id' ? firstOf('/api/refunds/?limit=1', (body) => body?.[0]?.refund_id) : firstOf('/api/payments/?limit=1', (body) => body?.[0]?.payment_id),
  },
  om: {
    call: (method, path, send) => fetchReply(path, method, omHeaders(), send),
    named: (reply) => (reply.body?.error?.code === 'validation_error' ? Object.keys(reply.body.error.fields ?? {}) : []),
    bodyNames: ['body', 'params'],
    async sample(_pattern, param) {
      const orders = await fetchReply('/v1/om/orders?limit=1', 'GET', omHeaders())
      const order = orders.body?.data?.items?.[0]
      if (param === 'id') return order?.id ?? '7'
      const detail = await fetchReply(`/v1/om/orders/${order?.id}`, 'GET', omHeaders())
      return detail.body?.data?.items?.[0]?.id ?? '7'
    },
  },
  storefront: {
    async call(method, path, send = {}) {
      const raw = send.body
      const headers = { ...send.headers, ...(send.body !== undefined ? { 'content-type': send.contentType ?? 'application/json' } : {}) }
      // The visitor keeps its cookies and repeats the CSRF token, as the shop's own pages do.
      return visitor.send(method, path, raw, { headers })
    },
    named: drfNames,
    bodyNames: ['non_field_errors', 'detail'],
    sample: async (pattern) => (pattern.startsWith('/products/') ? String((await visitor.send('GET', '/products/?limit=1')).body?.results?.[0]?.pk ?? 7) : '7'),
  },
  media: {
    call: (method, path, send) => fetchReply(path, method, {}, send),
    named: drfNames,
    bodyNames: ['detail'],
    sample: async () => 'logo.png',
  },
}

/** Names of Object.prototype members: a lookup on a plain object finds them where a key was expected. */
const OBJECT_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', '__defineGetter__']

/** Bodies no route can take as a whole; a 400 names the body (or a field, when `{}`-like). */
const BAD_BODIES: { name: string; raw: string | Uint8Array<ArrayBuffer>; contentType?: string }[] = [
  { name: 'a list', raw: '[]' },
  { name: 'a string', raw: '"text"' },
  { name: 'a number', raw: '42' },
  { name: 'null', raw: 'null' },
  { name: 'cut-off JSON', raw: '{"name": "x",' },
  { name: 'JSON with a trailing comma', raw: '{"name": "x",}' },
  { name: 'a deeply nested list', raw: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'object-method names as keys', raw: JSON.stringify(Object.fromEntries(OBJECT_NAMES.map((name) => [name, 1]))) },
  { name: '__proto__ carrying fields', raw: '{"__proto__": {"name": "x", "amount": 1, "slug": "proto"}, "constructor": {"prototype": {"x": 1}}}' },
  { name: 'form-encoded under a JSON type', raw: 'name=x&slug=y' },
  { name: 'invalid UTF-8', raw: Uint8Array.from([...Buffer.from('{"name": "'), 0xff, 0xfe, 0xc0, 0xae, ...Buffer.from('"}')]) },
]

/** Values no field takes as sent (a field of that type refuses most of them; none may cause a 5xx). */
const HOSTILE_VALUES: unknown[] = [
  { constructor: 1, toString: 'x' },
  ['__proto__'],
  'NaN',
  'Infinity',
  '-Infinity',
  1e308,
  -1e308,
  '1e400',
  99999999999999999999999,
  -1,
  0.001,
  '12.345678901234567890',
  '%ff',
  '\u0000',
  'x'.repeat(5000),
  true,
]

/** Money fields must refuse these, naming the field: negative, over-precise, not finite, beyond numeric. */
const BAD_AMOUNTS: unknown[] = [-1, -0.01, 0.001, 10.123, 'NaN', 'Infinity', '-Infinity', 1e308, '1e400', { valueOf: 5 }, '%ff']
const isMoney = (field: string) => /(^|_)amount$/i.test(field)

/** Filters, ordering and paging with object-method names, wrong types and unparseable numbers. */
const BAD_QUERIES = [
  ...OBJECT_NAMES.map((name) => `${name}=1`),
  ...OBJECT_NAMES.map((name) => `ordering=${name}`),
  'ordering=-constructor,toString',
  'ordering=%ff',
  '%ff=1',
  'name=%c0%ae',
  'limit=NaN',
  'limit=Infinity',
  'limit=1e309',
  'limit=-1',
  'limit=99999999999999999999',
  'offset=-5',
  'offset=NaN',
  'page=0',
  'page=99999999999999999999',
  'page=Infinity',
  'id__gte=constructor',
  'id__in=1,NaN,__proto__',
  'pk=1e400',
  'amount__gte=NaN',
  'created_date__gt=not-a-date',
  'modified_date__date=2023-13-45',
  'channel=toString',
  'status=valueOf',
  'constructor__gte=1',
]

const BAD_SEGMENTS = ['%ff', '%c0%ae', '%E0%A4%A', '%', '..%2f..%2fetc', 'constructor', '__proto__', '99999999999999999999', 'NaN', '-1']

function expect4xx(reply: Reply, label: string) {
  const shown = `${label}: ${reply.status} ${reply.text.slice(0, 300)}`
  expect(reply.status, shown).toBeGreaterThanOrEqual(400)
  expect(reply.status, shown).toBeLessThan(500)
}

function expectNamed(caller: Caller, reply: Reply, label: string, names: string[]) {
  expect4xx(reply, label)
  if (reply.status !== 400) return
  const shown = `${label}: ${reply.status} ${reply.text.slice(0, 300)}`
  const given = caller.named(reply)
  expect(given.some((name) => names.includes(name) || names.some((wanted) => name.startsWith(`${wanted}.`) || name.endsWith(`.${wanted}`))), `${shown} should name ${names.join('/')}`).toBe(true)
}

/** The keys of a raw JSON object body ("Unknown field." names them), or none. */
function keysOf(raw: string | Uint8Array): string[] {
  try {
    const parsed = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'))
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : []
  } catch {
    return []
  }
}

function concrete(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\*?\}/g, (_whole, name: string) => values[name])
}

const paramsOf = (pattern: string) => [...pattern.matchAll(/\{(\w+)\*?\}/g)].map((match) => match[1])
const readsBody = (entry: Route) => ['POST', 'PUT', 'PATCH'].includes(entry.method)

/**
 * The database the server writes, checksummed table by table (PostgreSQL), or, on PGlite (inside the
 * server process, not reachable from here), every area's own reads of its records.
 * Left out: tables a refused request may legitimately touch (sign-in throttle counters, sessions, a
 * token's last-used minute, migrations' bookkeeping).
 */
const VOLATILE = new Set(['login_throttle', 'sessions', 'api_tokens', 'om_api_keys', 'kysely_migration', 'kysely_migration_lock'])

async function databaseState(): Promise<Record<string, string>> {
  const url = inject('databaseUrl')
  if (url) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows: tables } = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
      const state: Record<string, string> = {}
      for (const { name } of tables) {
        if (VOLATILE.has(name)) continue
        const { rows } = await client.query<{ n: string; sum: string | null }>(`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as sum from "${name}" t`)
        state[name] = `${rows[0].n}:${rows[0].sum}`
      }
      return state
    } finally {
      await client.end()
    }
  }
  const reads: Record<string, string> = {}
  const document = (await api('GET', '/api/v1/openapi.json')).body
  for (const path of Object.keys(document.paths)) {
    if (!/^\/api\/v1\/[\w-]+\/$/.test(path)) continue
    const list = await api('GET', `${path}?limit=500&ordering=pk`)
    if (list.status === 200) reads[path] = JSON.stringify([list.body.count, list.body.results])
  }
  for (const path of ['/api/payments/', '/api/refunds/']) reads[path] = (await fetchReply(path, 'GET', tokenHeaders())).text
  reads.om = JSON.stringify((await fetchReply('/v1/om/orders?limit=100', 'GET', omHeaders())).body?.data)
  // Read by a session of its own: the table's own visitor may have been signed out by POST /users/logout/.
  reader ??= await new Visitor().signIn()
  reads.shop = JSON.stringify([(await reader.send('GET', '/baskets/basket/')).body, (await reader.send('GET', '/users/saved-cards/')).body])
  return reads
}

/** What differs between two states (table or read names), so a failure says where the write went. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name])
}

/**
 * The fields a route names when sent an empty object: what its validation knows about. A PATCH takes
 * its PUT's fields (an empty PATCH is a valid no-op update, which would touch the record).
 */
async function fieldsOf(caller: Caller, entry: Route, path: string): Promise<string[]> {
  const put = entry.method === 'PATCH' && routes.find((other) => other.pattern === entry.pattern && other.method === 'PUT')
  const reply = await caller.call(put ? 'PUT' : entry.method, path, { body: '{}' })
  return reply.status === 400 ? caller.named(reply).filter((name) => !caller.bodyNames.includes(name)) : []
}

/**
 * A body carrying `fields` that no route applies: a POST or PUT misses its other required fields, and
 * a PATCH (partial, so one valid field would be saved) also carries a key no resource has.
 */
const unappliable = (entry: Route, fields: Record<string, unknown>) => JSON.stringify(entry.method === 'PATCH' ? { ...fields, constructor: 1 } : fields)

/** /api/v1's typed fields from its OpenAPI document (types let the test pick a value the field refuses). */
async function openApiFields(): Promise<Map<string, { name: string; type: string }[]>> {
  const document = (await api('GET', '/api/v1/openapi.json')).body
  type Schema = { type?: string | string[]; properties?: Record<string, Schema>; $ref?: string; readOnly?: boolean; anyOf?: Schema[] }
  const resolve = (schema?: Schema): Schema => (!schema ? {} : schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()!]) : schema)
  const typed = new Map<string, { name: string; type: string }[]>()
  for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [verb, operation] of Object.entries<any>(operations)) {
      const schema = resolve(operation?.requestBody?.content?.['application/json']?.schema)
      const fields = Object.entries(schema.properties ?? {})
        .filter(([, field]) => !resolve(field).readOnly)
        .map(([name, field]) => {
          const resolved = resolve(field)
          const type = [resolved.type ?? resolved.anyOf?.[0]?.type ?? 'string'].flat().find((one) => one !== 'null') ?? 'string'
          return { name, type: String(type) }
        })
      typed.set(`${verb.toUpperCase()} ${path.replace('{id}', '{id}')}`, fields)
    }
  }
  return typed
}

function wrongValue(type: string): unknown {
  if (type === 'integer' || type === 'number') return 'not-a-number'
  if (type === 'boolean') return 'perhaps'
  if (type === 'object') return 'not-an-object'
  if (type === 'array') return 7
  return { nested: ['object'] }
}

const CASE_AREAS = areas.map((area) => ({ name: area.name, area }))

describe('the bad-input table covers the route table', () => {
  it('has a caller for every area (a new area must say how its clients call it)', () => {
    for (const area of areas) expect(Object.keys(CALLERS), `CALLERS entry for ${area.name}`).toContain(area.name)
  })
})

describe.each(CASE_AREAS)('bad input on $name', ({ area }: { area: Area }) => {
  const caller = CALLERS[area.name]
  const table = routes.filter((entry) => entry.area === area)
  const samples = new Map<string, string>()

  beforeAll(async () => {
    visitor ??= await new Visitor().start()
    if (area.name === 'storefront') await visitor.signIn().catch(() => {})
    for (const entry of table) for (const param of paramsOf(entry.pattern)) samples.set(`${entry.pattern}:${param}`, await caller.sample(entry.pattern, param))
  })

  const pathOf = (entry: Route, override: Record<string, string> = {}) =>
    concrete(entry.pattern, Object.fromEntries(paramsOf(entry.pattern).map((param) => [param, override[param] ?? samples.get(`${entry.pattern}:${param}`)!])))

  it('answers malformed path segments, hostile bodies, oversized and mistyped bodies and hostile queries with a 4xx naming them, and changes nothing', async () => {
    const before = await databaseState()
    const openApi = area.name === 'api-v1' ? await openApiFields() : new Map()
    for (const entry of table) {
      // Bad %-escapes and object-method names in every parameter segment.
      for (const param of paramsOf(entry.pattern))
        for (const segment of BAD_SEGMENTS) {
          const path = pathOf(entry, { [param]: segment })
          const reply = await caller.call(entry.method, path, readsBody(entry) ? { body: '{}' } : {})
          if (entry.public && reply.status === 200) continue
          expect4xx(reply, `${entry.method} ${path}`)
        }
      const path = pathOf(entry)
      const label = `${entry.method} ${path}`
      if (entry.method === 'GET') {
        for (const query of BAD_QUERIES) {
          const reply = await caller.call('GET', `${path}${path.includes('?') ? '&' : '?'}${query}`)
          expect(reply.status, `${label}?${query}: ${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500)
          if (reply.status === 400) expect(caller.named(reply).length, `${label}?${query} names the parameter`).toBeGreaterThan(0)
        }
        continue
      }
      if (!readsBody(entry)) continue
      const fields = await fieldsOf(caller, entry, path)
      // A route that does not answer `{}` with a 400 does not validate a body (logout, a state change).
      const validates = fields.length > 0
      for (const bad of BAD_BODIES) {
        const reply = await caller.call(entry.method, path, { body: bad.raw, contentType: bad.contentType })
        if (validates) expectNamed(caller, reply, `${label} ${bad.name}`, [...caller.bodyNames, ...fields, ...keysOf(bad.raw)])
        else expect(reply.status, `${label} ${bad.name}: ${reply.text.slice(0, 300)}`).toBeLessThan(500)
      }
      if (entry.body !== 'upload') {
        const limit = area.limits.json
        const oversized = `{"name": "${'x'.repeat(limit)}"}`
        expect((await caller.call(entry.method, path, { body: oversized })).status, `${label} over ${limit} bytes`).toBe(413)
      }
      if (entry.body !== 'upload' && validates) {
        const limit = area.limits.json
        // Without a Content-Length (chunked): counted as it streams and refused at the cap.
        const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
        let sent = 0
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > limit) return controller.close()
            sent += chunk.length
            controller.enqueue(chunk)
          },
        })
        expect((await caller.call(entry.method, path, { body: stream })).status, `${label} streamed over ${limit} bytes`).toBe(413)
        expect4xx(await caller.call(entry.method, path, { body: '<xml/>', contentType: 'application/xml' }), `${label} as XML`)
      }
      if (!validates) continue
      const typed = openApi.get(`${entry.method} ${entry.pattern.replace(/\{\w+\}/, '{id}')}`) ?? []
      for (const field of typed) {
        const reply = await caller.call(entry.method, path, { body: JSON.stringify({ [field.name]: wrongValue(field.type) }) })
        expectNamed(caller, reply, `${label} ${field.name}=${JSON.stringify(wrongValue(field.type))}`, [field.name])
      }
      for (const field of new Set([...fields, ...typed.map((one: { name: string }) => one.name)])) {
        for (const value of HOSTILE_VALUES) {
          const reply = await caller.call(entry.method, path, { body: unappliable(entry, { [field]: value }) })
          expect(reply.status, `${label} ${field}=${JSON.stringify(value).slice(0, 40)}: ${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500)
          expect4xx(reply, `${label} ${field}=${JSON.stringify(value).slice(0, 40)}`)
        }
        if (isMoney(field))
          for (const value of BAD_AMOUNTS) expectNamed(caller, await caller.call(entry.method, path, { body: unappliable(entry, { [field]: value }) }), `${label} ${field}=${JSON.stringify(value)}`, [field])
      }
    }
    expect(changed(before, await databaseState())).toEqual([])
  }, 600_000)

  it('never answers a 5xx to random bodies or random queries, and changes nothing (property-based)', async () => {
    const before = await databaseState()
    for (const entry of table) {
      const path = pathOf(entry)
      if (entry.method === 'GET') {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(fc.constantFrom('ordering', 'limit', 'offset', 'page', 'id__gte', 'amount', ...OBJECT_NAMES), fc.string({ maxLength: 12 })),
            fc.oneof(fc.constantFrom(...OBJECT_NAMES, 'NaN', 'Infinity', '-1', '1e400', '-pk'), fc.string({ maxLength: 16 }), fc.double().map(String)),
            async (key, value) => {
              const query = new URLSearchParams({ [key || 'q']: value }).toString()
              const reply = await caller.call('GET', `${path}?${query}`)
              expect(reply.status, `GET ${path}?${query}: ${reply.text.slice(0, 300)}`).toBeLessThan(500)
            },
          ),
          { numRuns: 8, seed: 9 },
        )
        continue
      }
      if (!readsBody(entry) || entry.body === 'upload') continue
      const fields = await fieldsOf(caller, entry, path)
      if (!fields.length) continue
      const key = fc.oneof(fc.constantFrom(...fields, ...OBJECT_NAMES), fc.string({ maxLength: 10 }))
      const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE_VALUES), fc.double().map((number) => (Number.isFinite(number) ? number : String(number))))
      await fc.assert(
        fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), async (body) => {
          const reply = await caller.call(entry.method, path, { body: unappliable(entry, body) })
          expect(reply.status, `${entry.method} ${path} ${JSON.stringify(body).slice(0, 200)}: ${reply.text.slice(0, 300)}`).toBeLessThan(500)
          expect(reply.status, `${entry.method} ${path} ${JSON.stringify(body).slice(0, 200)} was accepted`).toBeGreaterThanOrEqual(400)
        }),
        { numRuns: 12, seed: 9 },
      )
    }
    expect(changed(before, await databaseState())).toEqual([])
  }, 600_000)
})
