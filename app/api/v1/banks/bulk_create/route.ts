// POST /api/v1/banks/bulk_create/?channel_id=N
import { getDb } from '@/db'
import { apiHandler, methodNotAllowed } from '@/lib/http/handler'
import { json } from '@/lib/http/respond'
import { importBanksCsv } from '@/lib/imports/banks'

export const POST = apiHandler(async (request, { principal }) => json(await importBanksCsv(await getDb(), request, principal)))
export const GET = methodNotAllowed('POST')
export const PUT = methodNotAllowed('POST')
export const PATCH = methodNotAllowed('POST')
export const DELETE = methodNotAllowed('POST')
