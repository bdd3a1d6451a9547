import { inject } from 'vitest'
import { startAppServer, type AppServer } from '../../scripts/app-server'
import { freshDatabase } from './databases'

/**
 * A storefront visitor: keeps the cookies the app sets (osessionid, csrftoken) like a browser and
 * repeats the csrftoken in X-CSRFToken on state-changing requests unless told not to.
 */
export class Visitor {
  cookies = new Map<string, string>()
  constructor(private readonly base: string = inject('baseUrl')) {}

  get csrf(): string | undefined {
    return this.cookies.get('csrftoken')
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async call<T = any>(
    method: string,
    url: string,
    body?: unknown,
    options: { csrf?: string | null; headers?: Record<string, string>; cookieHeader?: 'cookie' | 'x-cookie' | 'none' } = {},
  ): Promise<{ status: number; body: T; headers: Headers; text: string }> {
    const headers: Record<string, string> = { ...options.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    return this.send<T>(method, url, body === undefined ? undefined : JSON.stringify(body), { ...options, headers })
  }

  /** Like `call`, with the body sent as given (raw text, bytes, a stream): for the bad-input tables. */
  async send<T = any>(
    method: string,
    url: string,
    body?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
    options: { csrf?: string | null; headers?: Record<string, string>; cookieHeader?: 'cookie' | 'x-cookie' | 'none' } = {},
  ): Promise<{ status: number; body: T; headers: Headers; text: string }> {
    const headers: Record<string, string> = { ...options.headers }
    const jar = this.cookieHeader()
    const where = options.cookieHeader ?? 'cookie'
    if (jar && where !== 'none') headers[where] = jar
    const csrf = options.csrf === undefined ? this.csrf : options.csrf
    if (method !== 'GET' && csrf) headers['x-csrftoken'] = csrf
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body, redirect: 'manual' }
    if (body instanceof ReadableStream) init.duplex = 'half'
    const response = await fetch(`${this.base}${url}`, init)
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      if (attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text }
  }

  /** A first GET gives the visitor its cookies, as a browser's first page would. */
  async start(): Promise<this> {
    await this.call('GET', '/baskets/basket/')
    return this
  }

  async signIn(email = 'shopper@example.com', password = 'shopper-password'): Promise<this> {
    if (!this.csrf) await this.start()
    const response = await this.call('POST', '/users/login/', { email, password })
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`)
    return this
  }
}

/** The demo products by SKU (the seed's catalog). */
export async function productsBySku(visitor: Visitor): Promise<Record<string, { pk: number; price: string }>> {
  const page = await visitor.call('GET', '/products/?limit=100')
  return Object.fromEntries(page.body.results.map((product: { sku: string; pk: number; price: string }) => [product.sku, product]))
}

/**
 * An app server of this test file's own, on its own database, with settings the shared one lacks
 * (shortened OTP clocks, ENABLE_X_COOKIE_HEADER). Port: the project's test port + 10.
 */
export async function startOwnServer(extraEnv: Record<string, string>): Promise<{ server: AppServer; databaseUrl: string; stop: () => Promise<void> }> {
  const engine = inject('engine')
  const port = Number(process.env.TEST_PORT ?? 3301) + 10
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SEED_API_TOKEN: inject('token'), NODE_ENV: 'production', ...extraEnv }
  delete env.DATABASE_URL
  const database = await freshDatabase(engine, engine === 'postgres' ? 'pm_test_shop' : 'pm_shop')
  Object.assign(env, database.env)
  const server = await startAppServer(port, env, 90_000)
  return {
    server,
    databaseUrl: database.databaseUrl,
    stop: async () => {
      await server.stop()
      await database.drop()
    },
  }
}
