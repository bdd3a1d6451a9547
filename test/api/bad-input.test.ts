import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { api, type ApiResponse } from '../helpers/api'

/**
 * The bad-input table of issue 9, generated rather than written per endpoint: every write endpoint an
 * area publishes gets the same hostile inputs, and must answer a 4xx naming the field (or the body) and
 * change nothing; a property-based run (fast-check) throws random JSON and query strings at it and
 * must never see a 5xx. An area plugs in with one entry in AREAS: where its route description is, how
 * its callers authenticate, and how to list a record to write to.
 * (`/api/v1` reads its OpenAPI document today; the route table of the API-speed issue can replace it.)
 */
type Method = 'POST' | 'PUT' | 'PATCH'
interface FieldSpec { name: string; type: string }
interface Endpoint { method: Method; path: string; fields: FieldSpec[]; collection: string }
interface Area {
  name: string
  endpoints: () => Promise<Endpoint[]>
  call: (method: string, path: string, body?: unknown, raw?: string) => Promise<ApiResponse>
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; $ref?: string; readOnly?: boolean; anyOf?: Schema[]; oneOf?: Schema[] }

function resolve(document: { components: { schemas: Record<string, Schema> } }, schema: Schema | undefined): Schema {
  if (!schema) return {}
  return schema.$ref ? resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]) : schema
}

const typeOf = (schema: Schema): string => {
  const types = [schema.type ?? schema.anyOf?.[0]?.type ?? schema.oneOf?.[0]?.type ?? 'string'].flat().filter((type) => type !== 'null')
  return String(types[0] ?? 'string')
}

/** /api/v1: one collection and one item endpoint per resource, fields as its input schema names them. */
const apiV1: Area = {
  name: '/api/v1',
  call: (method, path, body, raw) => api(method, path, body, raw === undefined ? {} : { raw, headers: { 'content-type': 'application/json' } }),
  async endpoints() {
    const document = (await api('GET', '/api/v1/openapi.json')).body
    const endpoints: Endpoint[] = []
    for (const [path, operations] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>(document.paths)) {
      if (path.endsWith('/schema/') || path.includes('bulk_create')) continue
      for (const [verb, operation] of Object.entries(operations)) {
        const method = verb.toUpperCase() as Method
        if (!['POST', 'PUT', 'PATCH'].includes(method) || !operation.requestBody?.content['application/json']) continue
        const schema = resolve(document, operation.requestBody.content['application/json'].schema)
        const fields = Object.entries(schema.properties ?? {})
          .filter(([, field]) => !resolve(document, field).readOnly)
          .map(([name, field]) => ({ name, type: typeOf(resolve(document, field)) }))
        endpoints.push({ method, path, fields, collection: path.replace(/\{id\}\/$/, '') })
      }
    }
    return endpoints
  },
}

const AREAS: Area[] = [apiV1]

/** A value no field of this type accepts. */
function wrongValue(type: string): unknown {
  switch (type) {
    case 'integer':
    case 'number':
      return 'not-a-number'
    case 'boolean':
      return 'perhaps'
    case 'object':
      return 'not-an-object'
    case 'array':
      return 7
    default:
      return { nested: ['object'] }
  }
}

/** Hostile bodies every write endpoint must refuse whole, with a 400 naming what is wrong. */
const BAD_BODIES: { name: string; body?: unknown; raw?: string; names: string[] }[] = [
  { name: 'a list', body: [], names: ['non_field_errors'] },
  { name: 'a string', body: '"text"', raw: '"text"', names: ['non_field_errors'] },
  { name: 'a number', raw: '42', names: ['non_field_errors'] },
  { name: 'null', raw: 'null', names: ['non_field_errors'] },
  { name: 'cut-off JSON', raw: '{"name": "x",', names: ['detail'] },
  { name: 'JSON with a trailing comma', raw: '{"name": "x",}', names: ['detail'] },
  { name: 'a deeply nested list', raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, names: ['detail', 'non_field_errors'] },
  { name: 'a deeply nested value', raw: `{"name": ${'['.repeat(5000)}${']'.repeat(5000)}}`, names: ['detail', 'name'] },
  { name: 'not JSON at all', raw: 'name=x&slug=y', names: ['detail'] },
]

/** The state an area's writes could change: every collection's count and the first record of each. */
async function snapshot(area: Area, endpoints: Endpoint[]) {
  const state: Record<string, unknown> = {}
  for (const collection of new Set(endpoints.map((endpoint) => endpoint.collection))) {
    const list = await area.call('GET', `${collection}?limit=1&ordering=pk`)
    state[collection] = { count: list.body?.count, first: list.body?.results?.[0] ?? null }
  }
  return state
}

async function targetPath(area: Area, endpoint: Endpoint): Promise<string | null> {
  if (!endpoint.path.includes('{id}')) return endpoint.path
  const first = (await area.call('GET', `${endpoint.collection}?limit=1&ordering=pk`)).body?.results?.[0]
  return first ? endpoint.path.replace('{id}', String(first.pk)) : null
}

function expectRefused(response: ApiResponse, label: string, names: string[]) {
  const shown = `${label}: ${response.status} ${JSON.stringify(response.body)}`
  expect(response.status, shown).toBeGreaterThanOrEqual(400)
  expect(response.status, shown).toBeLessThan(500)
  // A 400 names the field (or the body); a 406 service error names its code; 403/404/415 carry a detail.
  const keys = Object.keys(response.body ?? {})
  if (response.status === 400) expect(keys.some((key) => names.includes(key)), shown).toBe(true)
  else expect(keys.some((key) => ['detail', 'error_code'].includes(key)), shown).toBe(true)
}

describe.each(AREAS)('bad input on $name', (area) => {
  it('refuses hostile bodies and wrongly typed fields with a 4xx naming them, and changes nothing', async () => {
    const endpoints = await area.endpoints()
    expect(endpoints.length).toBeGreaterThan(0)
    const before = await snapshot(area, endpoints)
    for (const endpoint of endpoints) {
      const path = await targetPath(area, endpoint)
      if (!path) continue
      const label = `${endpoint.method} ${path}`
      for (const bad of BAD_BODIES) expectRefused(await area.call(endpoint.method, path, bad.body, bad.raw), `${label} ${bad.name}`, bad.names)
      for (const field of endpoint.fields) {
        const response = await area.call(endpoint.method, path, { [field.name]: wrongValue(field.type) })
        expectRefused(response, `${label} ${field.name}=${JSON.stringify(wrongValue(field.type))}`, [field.name])
      }
    }
    expect(await snapshot(area, endpoints)).toEqual(before)
  })

  it('never answers a 5xx to random JSON bodies or random query strings (property-based)', async () => {
    const endpoints = await area.endpoints()
    const before = await snapshot(area, endpoints)
    // Creates, so no existing record (seeded data other tests read) is touched; a random body that happens
    // to be valid makes a record, which is deleted again.
    const writes = endpoints.filter((endpoint) => endpoint.method === 'POST')
    for (const endpoint of writes) {
      const path = await targetPath(area, endpoint)
      if (!path) continue
      const keys = fc.oneof(fc.constantFrom(...endpoint.fields.map((field) => field.name), 'pk', 'id', 'channel_id'), fc.string({ maxLength: 12 }))
      await fc.assert(
        fc.asyncProperty(fc.dictionary(keys, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), async (body) => {
          const response = await area.call(endpoint.method, path, body)
          expect(response.status, `${endpoint.method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`).toBeLessThan(500)
          if (response.status < 300 && response.body?.pk) await area.call('DELETE', `${endpoint.collection}${response.body.pk}/`)
          return true
        }),
        { numRuns: 15, seed: 9 },
      )
    }
    for (const collection of new Set(endpoints.map((endpoint) => endpoint.collection))) {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 16 }), fc.string({ maxLength: 24 }), async (key, value) => {
          const query = new URLSearchParams({ [key || 'q']: value }).toString()
          const response = await area.call('GET', `${collection}?${query}`)
          expect(response.status, `GET ${collection}?${query}: ${JSON.stringify(response.body)}`).toBeLessThan(500)
          return true
        }),
        { numRuns: 20, seed: 9 },
      )
    }
    expect(await snapshot(area, endpoints)).toEqual(before)
  })
})
