// Where proxy.ts sends an API area's path with a malformed %-escape (Next's own param decoding would
// answer it 500): the route table answers it here as the fast path does (lib/http/malformed-path.ts).
import { answerMalformedTablePath } from '@/lib/http/malformed-table-path'

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = Object.fromEntries(
  ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [method, answerMalformedTablePath]),
) as Record<'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', (request: Request) => Promise<Response>>
