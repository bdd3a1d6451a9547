'use client'

/** Calls a storefront endpoint as the shop's own script: cookies sent, csrftoken repeated in X-CSRFToken. */
function cookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1)
}

export type ShopAnswer<T = any> = { ok: boolean; status: number; body: T }

export async function shopFetch<T = any>(method: string, url: string, body?: unknown, language?: string): Promise<ShopAnswer<T>> {
  // The first storefront answer sets the csrftoken cookie; a page may be the visitor's very first request.
  if (method !== 'GET' && !cookie('csrftoken')) await fetch('/baskets/basket/', { credentials: 'same-origin' })
  const headers: Record<string, string> = {}
  if (language) headers['accept-language'] = language
  if (method !== 'GET') headers['x-csrftoken'] = cookie('csrftoken') ?? ''
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = null
  }
  return { ok: response.ok, status: response.status, body: parsed as T }
}

/** The first message of a DRF error body, for a form's alert. */
export function firstError(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    for (const value of Object.values(body as Record<string, unknown>)) {
      if (typeof value === 'string') return value
      if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
    }
  }
  return fallback
}

/** Field errors of a DRF 400, by field. */
export function fieldErrors(body: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (Array.isArray(value) && typeof value[0] === 'string') errors[key] = value[0]
  return errors
}
