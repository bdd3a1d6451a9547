/**
 * A bodiless request (GET, HEAD) on the fast path without undici's Request: making one costs ~30 µs
 * (an AbortSignal, a validated header list), as much as a small page's own work. Handlers read
 * `method`, `url` and `headers`; these come straight from node's request. Every other member (body,
 * signal, clone, text()…) is answered by a real Request made on first use, so nothing a handler can
 * ask of a Request is missing.
 */

/** Header names lowercased, repeated headers joined as fetch's Headers joins them (`; ` for cookie). */
function headerMap(rawHeaders: string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index].toLowerCase()
    const value = rawHeaders[index + 1]
    const existing = map.get(name)
    map.set(name, existing === undefined ? value : `${existing}${name === 'cookie' ? '; ' : ', '}${value}`)
  }
  return map
}

/** The read side of fetch's Headers over node's raw headers (writes change this copy only, as on a Request's). */
class NodeHeaders implements Headers {
  #map: Map<string, string>
  #rawHeaders: string[]
  constructor(rawHeaders: string[]) {
    this.#rawHeaders = rawHeaders
    this.#map = headerMap(rawHeaders)
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase())
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value).trim())
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const existing = this.#map.get(key)
    this.#map.set(key, existing === undefined ? String(value).trim() : `${existing}${key === 'cookie' ? '; ' : ', '}${String(value).trim()}`)
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase())
  }
  getSetCookie(): string[] {
    const values: string[] = []
    if (!this.#map.has('set-cookie')) return values
    for (let index = 0; index < this.#rawHeaders.length; index += 2) if (this.#rawHeaders[index].toLowerCase() === 'set-cookie') values.push(this.#rawHeaders[index + 1])
    return values
  }
  /** Sorted by name, as fetch's Headers iterates. */
  *entries(): HeadersIterator<[string, string]> {
    for (const name of [...this.#map.keys()].sort()) yield [name, this.#map.get(name)!]
  }
  *keys(): HeadersIterator<string> {
    for (const [name] of this.entries()) yield name
  }
  *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value
  }
  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries()
  }
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this)
  }
  get [Symbol.toStringTag]() {
    return 'Headers'
  }
}

class NodeRequest {
  readonly method: string
  readonly url: string
  readonly headers: Headers
  #rawHeaders: string[]
  #real: Request | undefined
  constructor(method: string, url: string, rawHeaders: string[]) {
    this.method = method
    this.url = url
    this.#rawHeaders = rawHeaders
    this.headers = new NodeHeaders(rawHeaders)
  }
  /** The real Request, for the members a bodiless GET/HEAD handler seldom reads. */
  real(): Request {
    if (!this.#real) {
      const headers = new Headers()
      for (let index = 0; index < this.#rawHeaders.length; index += 2) headers.append(this.#rawHeaders[index], this.#rawHeaders[index + 1])
      this.#real = new Request(this.url, { method: this.method, headers })
    }
    return this.#real
  }
}

// Every other member of Request, answered by the real one.
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor' || name === 'method' || name === 'url' || name === 'headers') continue
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!
  if (descriptor.get)
    Object.defineProperty(NodeRequest.prototype, name, {
      get(this: NodeRequest) {
        return (this.real() as unknown as Record<string, unknown>)[name]
      },
    })
  else if (typeof descriptor.value === 'function')
    Object.defineProperty(NodeRequest.prototype, name, {
      value(this: NodeRequest, ...args: unknown[]) {
        const real = this.real() as unknown as Record<string, (...args: unknown[]) => unknown>
        return real[name](...args)
      },
    })
}
Object.defineProperty(NodeRequest.prototype, Symbol.toStringTag, { value: 'Request' })

/** A GET or HEAD request as a Request, from node's request line and raw headers. */
export function bodilessRequest(method: string, url: string, rawHeaders: string[]): Request {
  return new NodeRequest(method, url, rawHeaders) as unknown as Request
}
