import { inject } from 'vitest'

export const baseUrl = () => inject('baseUrl')

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }

/** Calls the running app over HTTP with the seeded API token (or the given one / none). */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  options: { token?: string | null; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  const token = options.token === undefined ? inject('token') : options.token
  if (token) headers.authorization = `Token ${token}`
  let payload: BodyInit | undefined = options.raw
  if (body !== undefined && payload === undefined) {
    headers['content-type'] ??= 'application/json'
    payload = typeof body === 'string' ? body : JSON.stringify(body)
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body: payload, redirect: 'manual' })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T, headers: response.headers }
}

let counter = 0
/** A value unique to this test run, for slugs and names. */
export function uid(prefix = 't'): string {
  counter += 1
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36)}${counter}`
}

/** The two channels every test database is seeded with. */
export const CHANNEL = 1
export const OTHER_CHANNEL = 2

export const ISO_MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
