// GET /api/v1/imports/{import_id}/ — progress of a CSV import.
import { getDb } from '@/db'
import { apiHandler, methodNotAllowed } from '@/lib/http/handler'
import { json } from '@/lib/http/respond'
import { getImportJob } from '@/lib/imports/jobs'

export const GET = apiHandler(async (_request, { params }) => json(await getImportJob(await getDb(), params.id)))
export const POST = methodNotAllowed('GET')
export const PUT = methodNotAllowed('GET')
export const PATCH = methodNotAllowed('GET')
export const DELETE = methodNotAllowed('GET')
