// GET /api/v1/openapi.json — public, so API clients and tools can fetch it before they hold a token.
import { openApiDocument } from '@/lib/openapi/document'
import { resources } from '@/lib/resource/registry'
import { json } from '@/lib/http/respond'

export async function GET(request: Request) {
  return json(openApiDocument(Object.values(resources), new URL(request.url).origin))
}
