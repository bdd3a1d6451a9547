// GET /api/v1/imports/{import_id}/ — progress of a CSV import.
import { apiHandler, methodNotAllowed } from '@/lib/http/handler'
import { json } from '@/lib/http/respond'
import { getImportJob } from '@/lib/imports/jobs'

export const GET = apiHandler(async (_request, { params }) => json(await getImportJob(params.id)))
export const POST = methodNotAllowed()
export const PUT = methodNotAllowed()
export const PATCH = methodNotAllowed()
export const DELETE = methodNotAllowed()
