import 'server-only'
import { getDb, withTransaction } from '@/db'
import { authenticateApiRequest } from '@/lib/auth/current'
import type { Principal } from '@/lib/auth/principal'
import { importBanksCsv } from '@/lib/imports/banks'
import { importBinNumbers } from '@/lib/imports/bin-numbers'
import { getImportJob } from '@/lib/imports/jobs'
import { openApiDocument } from '@/lib/openapi/document'
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '@/lib/resource/crud'
import type { Resource } from '@/lib/resource/define'
import { schemaMetadata } from '@/lib/resource/metadata'
import { listSmsOutbox } from '@/lib/sms/api'
import { resources } from '@/lib/resource/registry'
import { defineArea, route, type Route } from '../area'
import { readBody } from '../body'
import { parseId } from '../params'
import { publicOrigin } from '../request-context'
import { errorResponse, json, noContent } from '../respond'

/**
 * `/api/v1`: the Omnitron payments contract. API token (`Authorization: Token …`) or the console's
 * session cookie; DRF's error shapes; JSON bodies up to 1 MB, logo forms up to 5 MB, CSV uploads
 * streamed (the import services cap them: BINs 256 MB, banks 1 MB).
 */
export const apiV1 = defineArea<Principal>({
  name: 'api-v1',
  prefixes: ['/api/v1/'],
  authenticate: authenticateApiRequest,
  renderError: errorResponse,
  limits: { json: 1024 * 1024, form: 5 * 1024 * 1024, upload: 512 * 1024 * 1024 },
  sameOriginForCookieWrites: true,
})

/**
 * Secrets (a POS config) reach admin principals only; everyone else gets the resource's redacted view.
 * Answers of a resource that has secrets are never stored by a cache (issue 9, decision 013).
 */
function shown(resource: Resource, principal: Principal, body: Record<string, unknown>, status = 200): Response {
  const redact = resource.redact
  if (!redact) return json(body, status)
  const visible =
    principal.role === 'admin'
      ? body
      : Array.isArray(body.results)
        ? { ...body, results: body.results.map((row: Record<string, unknown>) => redact(row)) }
        : redact(body)
  return json(visible, status, { 'cache-control': 'no-store' })
}

/** The five DRF generic views of one resource: list/create, retrieve/update/destroy, and `/schema/`. */
function resourceRoutes(name: string, resource: Resource): Route<Principal>[] {
  const base = `/api/v1/${name}/`
  return [
    // GET, POST /api/v1/<resource>/
    route(apiV1, 'GET', base, async (_request, { url, principal }) =>
      shown(resource, principal, await listRecords(await getDb(), resource, url.searchParams, { requestUrl: url.href })),
    ),
    route(apiV1, 'POST', base, async (request, { principal, bodyLimit }) => {
      const body = await readBody(request, bodyLimit)
      return shown(resource, principal, await withTransaction((trx) => createRecord(trx, resource, body, principal)), 201)
    }),
    // GET /api/v1/<resource>/schema/
    route(apiV1, 'GET', `${base}schema/`, () => json(schemaMetadata(resource))),
    // GET, PUT, PATCH, DELETE /api/v1/<resource>/{id}/
    route(apiV1, 'GET', `${base}{id}/`, async (_request, { params, principal }) => shown(resource, principal, await getRecord(await getDb(), resource, parseId(params.id)))),
    route(apiV1, 'PUT', `${base}{id}/`, async (request, { params, principal, bodyLimit }) => {
      const id = parseId(params.id)
      const body = await readBody(request, bodyLimit)
      return shown(resource, principal, await withTransaction((trx) => updateRecord(trx, resource, id, body, 'put', principal)))
    }),
    route(apiV1, 'PATCH', `${base}{id}/`, async (request, { params, principal, bodyLimit }) => {
      const id = parseId(params.id)
      const body = await readBody(request, bodyLimit)
      return shown(resource, principal, await withTransaction((trx) => updateRecord(trx, resource, id, body, 'patch', principal)))
    }),
    route(apiV1, 'DELETE', `${base}{id}/`, async (_request, { params, principal }) => {
      await withTransaction((trx) => deleteRecord(trx, resource, parseId(params.id), principal))
      return noContent()
    }),
  ]
}

export const apiV1Routes: Route[] = [
  ...Object.entries(resources).flatMap(([name, resource]) => resourceRoutes(name, resource)),
  // POST /api/v1/banks/bulk_create/?channel_id=N
  route(apiV1, 'POST', '/api/v1/banks/bulk_create/', async (request, { principal }) => json(await importBanksCsv(await getDb(), request, principal)), { body: 'upload' }),
  // POST /api/v1/cards/{id}/bulk_create/ — streamed: the answer is written while the upload is read.
  route(
    apiV1,
    'POST',
    '/api/v1/cards/{id}/bulk_create/',
    async (request, { params, principal }) => {
      const { importId, body } = await importBinNumbers(await getDb(), request, params.id, principal)
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'x-import-id': importId } })
    },
    { body: 'upload' },
  ),
  // GET /api/v1/imports/{import_id}/ — progress of a CSV import.
  route(apiV1, 'GET', '/api/v1/imports/{id}/', async (_request, { params }) => json(await getImportJob(await getDb(), params.id))),
  // GET /api/v1/sms_outbox/?phone_number= — the demo's SMS outbox (admins only).
  route(apiV1, 'GET', '/api/v1/sms_outbox/', listSmsOutbox),
  // GET /api/v1/openapi.json — public, so API clients and tools can fetch it before they hold a token.
  route(apiV1, 'GET', '/api/v1/openapi.json', () => json(openApiDocument(Object.values(resources), publicOrigin())), { public: true }),
]
