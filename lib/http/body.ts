import { ParseError, UnsupportedMediaTypeError } from './errors'

const MAX_JSON_BYTES = 1024 * 1024

/** Reads a JSON or form body; malformed input is a 400 in DRF's words, never a 500. */
export async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    let form: FormData
    try {
      form = await request.formData()
    } catch {
      throw new ParseError('Multipart form parse error.')
    }
    const body: Record<string, unknown> = {}
    for (const [key, value] of form) body[key] = value
    return body
  }
  // JSON under its own types, and under text/plain or no type at all (what fetch and curl send by default);
  // anything else (XML, YAML, CSV…) is refused as DRF refuses a type no parser takes.
  const mediaType = type.split(';')[0].trim().toLowerCase()
  if (mediaType && mediaType !== 'text/plain' && !/^application\/([\w.+-]+\+)?json$/.test(mediaType)) throw new UnsupportedMediaTypeError(mediaType)
  const text = await request.text()
  if (text.length > MAX_JSON_BYTES) throw new ParseError('Request body is too large.')
  if (!text.trim()) return {}
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ParseError(`JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}`)
  }
}
