import { ParseError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors'

/** JSON bodies of /api/v1 are records of a few fields; the cap leaves room for large configs. */
export const DEFAULT_JSON_LIMIT = 1024 * 1024

const MULTIPART = /^multipart\/form-data\b/i
const FORM = /^application\/x-www-form-urlencoded\b/i

export function isFormBody(contentType: string | null): boolean {
  return !!contentType && (MULTIPART.test(contentType) || FORM.test(contentType))
}

/**
 * Reads a JSON or form body, never more than `limit` bytes: a declared Content-Length over the cap is
 * refused before reading (the route pipeline does that too), and a body without one is counted as it
 * streams and dropped at the cap, so a 60 MB body is never held in memory. Over the cap → 413;
 * malformed → 400 in DRF's words; a type no parser takes → 415. Never a 500.
 */
export async function readBody(request: Request, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (Number(request.headers.get('content-length') ?? 0) > limit) {
    await request.body?.cancel().catch(() => {})
    throw new PayloadTooLargeError(limit)
  }
  if (isFormBody(type)) {
    let form: FormData
    try {
      form = await new Response(cappedStream(request.body, limit), { headers: { 'content-type': type } }).formData()
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw error
      if (error instanceof Error && error.cause instanceof PayloadTooLargeError) throw error.cause
      throw new ParseError('Multipart form parse error.')
    }
    const body: Record<string, unknown> = {}
    for (const [key, value] of form) body[key] = value
    return body
  }
  // JSON under its own types, and under text/plain or no type at all (what fetch and curl send by default);
  // anything else (XML, YAML, CSV…) is refused as DRF refuses a type no parser takes.
  const mediaType = type.split(';')[0].trim().toLowerCase()
  if (mediaType && mediaType !== 'text/plain' && !/^application\/([\w.+-]+\+)?json$/.test(mediaType)) {
    await request.body?.cancel().catch(() => {})
    throw new UnsupportedMediaTypeError(mediaType)
  }
  // Bytes that are not UTF-8 are refused as DRF refuses them: decoded leniently they would be saved as
  // replacement characters the client never sent.
  const text = await readText(request.body, limit, { fatal: true })
  if (!text.trim()) return {}
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ParseError(`JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}`)
  }
}

/** The body as UTF-8 text, refusing (and no longer reading) past `limit` bytes; `fatal`: malformed UTF-8 → 400. */
export async function readText(body: ReadableStream<Uint8Array> | null, limit: number, options: { fatal?: boolean } = {}): Promise<string> {
  if (!body) return ''
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw new PayloadTooLargeError(limit)
    }
    chunks.push(value)
  }
  // TextDecoder drops a UTF-8 BOM as `Request.text()` did.
  try {
    return new TextDecoder('utf-8', { fatal: options.fatal }).decode(Buffer.concat(chunks))
  } catch {
    throw new ParseError('Parse error - the body is not valid UTF-8.')
  }
}

/** The stream, erroring with PayloadTooLargeError once more than `limit` bytes went through. */
export function cappedStream(body: ReadableStream<Uint8Array> | null, limit: number): ReadableStream<Uint8Array> | null {
  if (!body) return null
  let size = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size > limit) controller.error(new PayloadTooLargeError(limit))
        else controller.enqueue(chunk)
      },
    }),
  )
}
