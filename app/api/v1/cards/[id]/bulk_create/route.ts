// POST /api/v1/cards/{id}/bulk_create/ — streamed: the answer is written while the upload is read.
import { getDb } from '@/db'
import { apiHandler, methodNotAllowed } from '@/lib/http/handler'
import { importBinNumbers } from '@/lib/imports/bin-numbers'

export const POST = apiHandler(async (request, { params, principal }) => {
  const { importId, body } = await importBinNumbers(await getDb(), request, params.id, principal)
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'x-import-id': importId } })
})
export const GET = methodNotAllowed('POST')
export const PUT = methodNotAllowed('POST')
export const PATCH = methodNotAllowed('POST')
export const DELETE = methodNotAllowed('POST')
