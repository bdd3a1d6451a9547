import { AppError, MethodNotAllowedError, TooManyRequestsError, UnavailableError } from './errors'
import { isDatabaseUnavailable } from './unavailable'

/**
 * A JSON answer whose body stays a string until something reads it. Node 20's fetch builds a stream for
 * every `new Response(text)` (~70 µs, more than a small list's own work); the fast path (lib/http/node.ts)
 * writes `text` straight to the socket instead, and whatever reads the body (Next's door, a test) gets
 * the same bytes through a real Response made on first read.
 * Its headers, given as a record, stay a record until something asks for `headers` (fetch's Headers
 * validates and sorts on every call): the area adds its own with `addMissingHeaders`, and the fast path
 * writes the record to node's response in one `writeHead`.
 */
export class TextResponse extends Response {
  #full: Response | undefined
  /** Lowercase names; undefined once `headers` was asked for (from then on the real Headers hold them). */
  #fields: Record<string, string | string[]> | undefined
  #headers: Headers | undefined
  constructor(
    /** The body: its text, or its UTF-8 bytes when they were encoded once and are shared by many answers. */
    readonly bodyText: string | Uint8Array,
    init: { status?: number; statusText?: string; headers?: HeadersInit },
  ) {
    super(null, { status: init.status, statusText: init.statusText })
    const given = init.headers
    if (given === undefined) this.#fields = {}
    else if (isPlainRecord(given)) {
      const fields: Record<string, string> = {}
      for (const name in given) fields[name.toLowerCase()] = String(given[name]).trim()
      this.#fields = fields
    } else this.#headers = new Headers(given)
  }
  /** The answer's headers as fetch's Headers, made on first use; later changes go there. */
  liveHeaders(): Headers {
    if (!this.#headers) {
      const headers = new Headers()
      const raw = rawHeaders(this.#fields!)
      for (let index = 0; index < raw.length; index += 2) headers.append(raw[index], raw[index + 1])
      this.#headers = headers
      this.#fields = undefined
    }
    return this.#headers
  }
  /** The headers as a record (a repeated header, set-cookie, as a list) while nothing has asked for `headers` (the fast path writes it as is), else undefined. */
  headerFields(): Readonly<Record<string, string | readonly string[]>> | undefined {
    return this.#fields
  }
  /** Sets each header the answer does not set itself (lowercase names), without making fetch's Headers. */
  addMissingHeaders(headers: Readonly<Record<string, string>>): void {
    const fields = this.#fields
    if (!fields) {
      const live = this.#headers!
      for (const name in headers) if (!live.has(name)) live.set(name, headers[name])
      return
    }
    for (const name in headers) if (fields[name] === undefined) fields[name] = headers[name]
  }
  /** `headers.set` (a lowercase name) without making fetch's Headers. */
  setHeader(name: string, value: string): void {
    if (this.#fields) this.#fields[name] = value
    else this.#headers!.set(name, value)
  }
  /** `headers.append` (a lowercase name) without making fetch's Headers: set-cookie stays one header per cookie, others join with ", " as fetch's do. */
  appendHeader(name: string, value: string): void {
    const fields = this.#fields
    if (!fields) return this.#headers!.append(name, value)
    const now = fields[name]
    if (now === undefined) fields[name] = name === 'set-cookie' ? [value] : value
    else if (typeof now !== 'string') now.push(value)
    else fields[name] = name === 'set-cookie' ? [now, value] : `${now}, ${value}`
  }
  /** The Response with the body, made once, with the headers as they are when it is first read. */
  materialized(): Response {
    return (this.#full ??= new Response(this.bodyText as BodyInit, { status: this.status, statusText: this.statusText, headers: this.liveHeaders() }))
  }
  /** Read yet? (Asking makes no stream.) */
  consumed(): boolean {
    return this.#full?.bodyUsed ?? false
  }
}

function isPlainRecord(value: HeadersInit): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// What reads the body reads the materialized Response. Set on the prototype: TypeScript does not let a
// subclass turn Response's `body` and `headers` properties into getters.
Object.defineProperty(TextResponse.prototype, 'headers', {
  get(this: TextResponse) {
    return this.liveHeaders()
  },
})
Object.defineProperty(TextResponse.prototype, 'body', {
  get(this: TextResponse) {
    return this.materialized().body
  },
})
Object.defineProperty(TextResponse.prototype, 'bodyUsed', {
  get(this: TextResponse) {
    return this.consumed()
  },
})
for (const name of ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes'] as const)
  Object.defineProperty(TextResponse.prototype, name, {
    value(this: TextResponse) {
      return (this.materialized() as unknown as Record<string, () => Promise<unknown>>)[name]()
    },
  })
Object.defineProperty(TextResponse.prototype, 'clone', {
  value(this: TextResponse) {
    if (this.consumed()) return this.materialized().clone()
    return new TextResponse(this.bodyText, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) })
  },
})

/**
 * A header record as `name, value, name, value, …`, a list-valued header (set-cookie) once per value: what
 * node's `writeHead` takes, and the order fetch's `Headers` are built in.
 */
export function rawHeaders(fields: Readonly<Record<string, string | readonly string[]>>): string[] {
  const raw: string[] = []
  for (const name in fields) {
    const value = fields[name]
    if (typeof value === 'string') raw.push(name, value)
    else for (const each of value) raw.push(name, each)
  }
  return raw
}

/** The body of a `TextResponse` as its string or encoded bytes (no stream read), else undefined. */
export function textOf(response: Response): string | Uint8Array | undefined {
  return response instanceof TextResponse ? response.bodyText : undefined
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new TextResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}

/** A JSON answer already encoded (a body many answers share, kept encoded: it is never changed). */
export function encodedJson(bytes: Uint8Array, status = 200): Response {
  return new TextResponse(bytes, { status, headers: { 'content-type': 'application/json' } })
}

/** `response.headers.set`, keeping a `TextResponse`'s headers a record (the fast path writes it in one go). */
export function setHeader(response: Response, name: string, value: string): void {
  if (response instanceof TextResponse) response.setHeader(name, value)
  else response.headers.set(name, value)
}

/** `response.headers.append`, keeping a `TextResponse`'s headers a record. */
export function appendHeader(response: Response, name: string, value: string): void {
  if (response instanceof TextResponse) response.appendHeader(name, value)
  else response.headers.append(name, value)
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** DRF's error shapes: the one place an error becomes a response in the DRF-shaped areas (/api/v1, storefront). */
export function errorResponse(error: unknown): Response {
  // Not logged per request: the pool logs an outage once when it starts and once when it ends (db/connection.ts).
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) error = new UnavailableError()
  if (error instanceof AppError) {
    const headers: Record<string, string> = {}
    if (error.status === 401) headers['www-authenticate'] = 'Token'
    if (error instanceof TooManyRequestsError || error instanceof UnavailableError) headers['retry-after'] = String(error.retryAfterSeconds)
    if (error instanceof MethodNotAllowedError && error.allowed.length) headers.allow = error.allowed.join(', ')
    return json(error.body(), error.status, headers)
  }
  // Anything unexpected is logged (without the body) and is a 500.
  console.error('Unhandled API error:', error instanceof Error ? error.stack : error)
  return json({ detail: 'A server error occurred.' }, 500)
}
