import 'server-only'
import { getDb, withTransaction } from '@/db'
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '@/lib/resource/crud'
import type { Resource } from '@/lib/resource/define'
import { schemaMetadata } from '@/lib/resource/metadata'
import { readBody } from './body'
import { apiHandler, methodNotAllowed, parseId } from './handler'
import { json, noContent } from './respond'

/** `/api/v1/<resource>/`: list and create; the other methods answer 405. */
export function collectionRoutes(resource: Resource) {
  return {
    GET: apiHandler(async (request) => json(await listRecords(await getDb(), resource, new URL(request.url).searchParams, { requestUrl: request.url }))),
    POST: apiHandler(async (request, { principal }) => {
      const body = await readBody(request)
      return json(await withTransaction((trx) => createRecord(trx, resource, body, principal)), 201)
    }),
    PUT: methodNotAllowed('GET', 'POST'),
    PATCH: methodNotAllowed('GET', 'POST'),
    DELETE: methodNotAllowed('GET', 'POST'),
  }
}

/** `/api/v1/<resource>/{id}/`: detail, PUT, PATCH, DELETE. */
export function itemRoutes(resource: Resource) {
  return {
    GET: apiHandler(async (_request, { params }) => json(await getRecord(await getDb(), resource, parseId(params.id)))),
    PUT: apiHandler(async (request, { params, principal }) => {
      const id = parseId(params.id)
      const body = await readBody(request)
      return json(await withTransaction((trx) => updateRecord(trx, resource, id, body, 'put', principal)))
    }),
    PATCH: apiHandler(async (request, { params, principal }) => {
      const id = parseId(params.id)
      const body = await readBody(request)
      return json(await withTransaction((trx) => updateRecord(trx, resource, id, body, 'patch', principal)))
    }),
    DELETE: apiHandler(async (_request, { params, principal }) => {
      await withTransaction((trx) => deleteRecord(trx, resource, parseId(params.id), principal))
      return noContent()
    }),
    POST: methodNotAllowed('GET', 'PUT', 'PATCH', 'DELETE'),
  }
}

/** `/api/v1/<resource>/schema/`. */
export function schemaRoutes(resource: Resource) {
  return {
    GET: apiHandler(async () => json(schemaMetadata(resource))),
    POST: methodNotAllowed('GET'),
    PUT: methodNotAllowed('GET'),
    PATCH: methodNotAllowed('GET'),
    DELETE: methodNotAllowed('GET'),
  }
}
