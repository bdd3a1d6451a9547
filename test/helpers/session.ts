import { baseUrl } from './api'

const HIDDEN = /<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/**
 * Signs in through the console's own login form (the server action, posted as the no-JavaScript form
 * posts it) and returns the session cookie (`name=value`), or null when sign-in failed.
 */
export async function signIn(email: string, password: string): Promise<string | null> {
  const page = await (await fetch(`${baseUrl()}/login`)).text()
  const form = new FormData()
  for (const [, name, value] of page.matchAll(HIDDEN)) form.append(name, unescapeHtml(value ?? ''))
  form.append('email', email)
  form.append('password', password)
  const response = await fetch(`${baseUrl()}/login`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: baseUrl() } })
  await response.arrayBuffer()
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('pm_session='))
  return cookie ? cookie.split(';')[0] : null
}
