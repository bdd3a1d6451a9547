import 'server-only'
import { PassThrough, Readable, Transform, pipeline } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import busboy from 'busboy'
import { NOT_CSV_TEXT } from '@/lib/csv/parse'
import { AppError, InvalidError, ParseError, ServiceError } from '@/lib/http/errors'

/** The form fields a CSV may arrive in: `file` (our console) and `csv_file` (the spec's example). */
const FILE_FIELDS = new Set(['file', 'csv_file'])

export class FileNotFoundError extends ServiceError {
  constructor() {
    super('file_100_1', 'File not found please provide an appropriate file', 'file')
  }
}

export class FileTooLargeError extends ParseError {
  constructor(maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`)
  }
}

/**
 * The uploaded file as a stream, without reading the body into memory: a multipart part named
 * `file`/`csv_file` (parsed by busboy as it arrives), or a raw `text/csv` body. Throws
 * FileNotFoundError (406 file_100_1) when the request carries no such file.
 */
export function openUpload(request: Request, maxBytes: number): Promise<Readable> {
  const type = request.headers.get('content-type') ?? ''
  if (!request.body) return Promise.reject(new FileNotFoundError())
  const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream)
  if (/^(text\/csv|text\/plain)\b/i.test(type)) return Promise.resolve(capped(body, maxBytes))
  if (!/^multipart\/form-data\b/i.test(type)) {
    body.destroy()
    return Promise.reject(new FileNotFoundError())
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: { 'content-type': type }, limits: { fileSize: maxBytes, files: 4, fields: 32 } })
    } catch {
      body.destroy()
      reject(new ParseError('Multipart form parse error.'))
      return
    }
    let found: Readable | undefined
    parser.on('file', (name, stream) => {
      if (found || !FILE_FIELDS.has(name)) {
        stream.resume()
        return
      }
      // busboy fails a cut-off body with a plain Error ("Unexpected end of form"): callers get a ParseError
      // (400), never an unknown error that reads as a server fault (issue 9, item 5).
      const file = new PassThrough()
      found = stream
      stream.once('limit', () => stream.destroy(new FileTooLargeError(maxBytes)))
      stream.on('error', (error) =>
        file.destroy(error instanceof AppError ? error : new ParseError(`Multipart form parse error - ${error instanceof Error ? error.message : 'invalid body'}`)),
      )
      stream.pipe(file)
      resolve(file)
    })
    parser.on('error', (error) => {
      const failure = new ParseError(`Multipart form parse error - ${error instanceof Error ? error.message : 'invalid body'}`)
      if (found) found.destroy(failure)
      else reject(failure)
    })
    parser.on('close', () => {
      if (!found) reject(new FileNotFoundError())
    })
    body.on('error', (error) => parser.destroy(error))
    body.pipe(parser)
  })
}

/** The stream, failing once more than maxBytes went through (and keeping its backpressure). */
function capped(stream: Readable, maxBytes: number): Readable {
  let seen = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > maxBytes) done(new FileTooLargeError(maxBytes))
      else done(null, chunk)
    },
  })
  pipeline(stream, counter, () => {})
  return counter
}

/**
 * Lines of a text stream, a chunk's worth at a time (yielding per line costs an await per line).
 * Handles \n and \r\n, a UTF-8 BOM, and multi-byte characters split across chunks. A line longer than
 * maxLength is cut there (callers see it is too long) instead of growing without bound.
 */
export async function* readLines(stream: Readable, maxLength: number): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8')
  let rest = ''
  let first = true
  for await (const chunk of stream) {
    let text = rest + decoder.write(chunk as Buffer)
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      // A binary file (an image, a spreadsheet) has NUL bytes near its start; no CSV does.
      if (text.slice(0, 4096).includes('\u0000')) throw new InvalidError({ file: [NOT_CSV_TEXT] })
      first = false
    }
    const parts = text.split('\n')
    rest = parts.pop() ?? ''
    if (rest.length > maxLength + 1) rest = rest.slice(0, maxLength + 1)
    if (parts.length) yield parts.map((line) => clip(line, maxLength))
  }
  rest += decoder.end()
  if (rest) yield [clip(rest, maxLength)]
}

function clip(line: string, maxLength: number): string {
  if (line.endsWith('\r')) line = line.slice(0, -1)
  return line.length > maxLength + 1 ? line.slice(0, maxLength + 1) : line
}

/** Reads a whole (small) stream as text, refusing more than maxBytes. */
export async function readText(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      stream.destroy()
      throw new FileTooLargeError(maxBytes)
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export { csvProblem, parseCsv } from '@/lib/csv/parse'
