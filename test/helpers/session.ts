import { baseUrl } from './api'

const HIDDEN = /<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/**
 * Signs in through the console's own login form (the server action, posted as the no-JavaScript form
 * posts it) and returns the session cookie (`name=value`), or null when sign-in failed.
 */
export async function signIn(email: string, password: string, base = baseUrl()): Promise<string | null> {
  const page = await (await fetch(`${base}/login`)).text()
  const form = new FormData()
  for (const [, name, value] of page.matchAll(HIDDEN)) form.append(name, unescapeHtml(value ?? ''))
  form.append('email', email)
  form.append('password', password)
  const response = await fetch(`${base}/login`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: base } })
  await response.arrayBuffer()
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('pm_session='))
  return cookie ? cookie.split(';')[0] : null
}

/**
 * A browser without JavaScript, over plain HTTP: reads a page, finds the form (server actions render
 * their `$ACTION…` hidden fields for exactly that), and posts it back as multipart. Lets the API tests
 * sign in and out of the console for real (session cookie, throttle, revocation) without Playwright.
 */
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

function actionFields(formHtml: string): [string, string][] {
  const fields: [string, string][] = []
  for (const match of formHtml.matchAll(/<input\b[^>]*>/g)) {
    const tag = match[0]
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    if (!name || !name.startsWith('$ACTION')) continue
    fields.push([decode(name), decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '')])
  }
  return fields
}

export type FormResult = { status: number; location: string | null; cookie: string | null; html: string }

/** Submits the form of `path` that contains `containing` (text or a field name) with `values`. */
export async function submitForm(path: string, containing: string, values: Record<string, string>, options: { cookie?: string; headers?: Record<string, string> } = {}): Promise<FormResult> {
  const page = await fetch(`${baseUrl()}${path}`, { headers: { ...(options.cookie ? { cookie: options.cookie } : {}) }, redirect: 'manual' })
  const html = await page.text()
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((match) => match[0]).find((candidate) => candidate.includes(containing))
  if (!form) throw new Error(`no form with "${containing}" on ${path} (status ${page.status})`)
  const body = new FormData()
  for (const [name, value] of actionFields(form)) body.append(name, value)
  for (const [name, value] of Object.entries(values)) body.append(name, value)
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    body,
    headers: { origin: baseUrl(), ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
    redirect: 'manual',
  })
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('pm_session='))
  return { status: response.status, location: response.headers.get('location'), cookie: session ? session.split(';')[0] : null, html: await response.text() }
}

/** Signs in through the login form; the `pm_session=…` cookie of the new session. */
export async function signInSession(email: string, password: string, headers: Record<string, string> = {}): Promise<{ cookie: string }> {
  const result = await signInAttempt(email, password, headers)
  if (!result.cookie || result.status >= 400) throw new Error(`sign-in of ${email} failed: ${result.status} ${result.html.slice(0, 300)}`)
  return { cookie: result.cookie }
}

export function signInAttempt(email: string, password: string, headers: Record<string, string> = {}): Promise<FormResult> {
  return submitForm('/login', 'name="password"', { email, password }, { headers })
}

/** Signs out through the console's "Sign out" form. */
export function signOut(cookie: string): Promise<FormResult> {
  return submitForm('/sales-channels/payment-management/pos', 'Sign out', {}, { cookie })
}
