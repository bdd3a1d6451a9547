import { expect } from 'vitest'
import { inject } from 'vitest'
import { api, type ApiResponse } from './api'

export const ORGANIZATION = 'demo'
export const OTHER_ORGANIZATION = 'other'

/** Calls `/v1/om/…` with the seeded organization's api-key (or the given key / organization / none). */
export function om<T = any>(
  method: string,
  path: string,
  body?: unknown,
  options: { key?: string | null; organization?: string | null; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  const key = options.key === undefined ? inject('omKey') : options.key
  const organization = options.organization === undefined ? ORGANIZATION : options.organization
  if (key) headers['api-key'] = key
  if (organization) headers['organization-id'] = organization
  return api<T>(method, path, body, { token: null, headers })
}

/** The OM envelope around `data` (or around an error). */
export function envelope(data: unknown) {
  return { app: expect.any(String), service: 'om', warnings: [], instanceId: expect.any(String), requestId: expect.any(String), data }
}

export function errorEnvelope(code: string) {
  return { ...envelope(null), error: { code, message: expect.any(String), fields: expect.any(Object) } }
}

/** A seeded demo order by number, read back through the API. */
export async function orderByNumber(number: string) {
  const list = await om('GET', '/v1/om/orders?limit=100')
  const order = list.body.data.items.find((item: { number: string }) => item.number === number)
  if (!order) throw new Error(`no seeded order ${number}`)
  return (await om('GET', `/v1/om/orders/${order.id}`)).body.data
}

/** The id of a payment method of an order by its English name. */
export function methodId(order: { paymentMethods: { id: string; locales: Record<string, { name: string }> }[] }, name = 'Credit Card'): string {
  const method = order.paymentMethods.find((item) => item.locales.en?.name === name)
  if (!method) throw new Error(`no payment method ${name}`)
  return method.id
}
