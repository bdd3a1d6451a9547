import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'

export const ADMIN = { email: 'admin@example.com', password: 'admin-password' }
export const VIEWER = { email: 'viewer@example.com', password: 'viewer-password' }
export const E2E_TOKEN = 'pm_e2e_token_0123456789abcdef'

export async function signIn(page: Page, user = ADMIN) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/sales-channels\/payment-management\/pos/)
}

/** Saves a screenshot of the page under e2e/screenshots/ (kept out of git) for a person to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true })
}

/**
 * No WCAG 2.1 A/AA violation on the page as it stands (`what` names it in a failure). It waits for the page's
 * title first: after a server action the document's head is swapped in by Next's client, and axe once ran in
 * the moment the title was missing (a "document-title" violation on a page that has one).
 */
export async function noAxeViolations(page: Page, what = page.url()) {
  await expect(page).not.toHaveTitle('')
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = violations.map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`)
  expect(found, `axe on ${what}`).toEqual([])
}

export const test = base
export { expect }

/** Creates a record through the REST API (as the seeded admin token) and returns its JSON. */
export async function apiCreate(request: APIRequestContext, resource: string, body: Record<string, unknown>) {
  const response = await request.post(`/api/v1/${resource}/`, { headers: { Authorization: `Token ${E2E_TOKEN}` }, data: body })
  if (response.status() !== 201) throw new Error(`POST ${resource} answered ${response.status()}: ${await response.text()}`)
  return (await response.json()) as Record<string, unknown> & { pk: number }
}

type Created = Awaited<ReturnType<typeof apiCreate>>

/**
 * A card of channel 1 with its own bank, card type and DummyPay POS, all named after `label`
 * ("<label> Bank", "<label> Card", …). `extra` adds card fields that need the parts (a currency POS).
 */
export async function apiCreateCard(
  request: APIRequestContext,
  label: string,
  extra: (parts: { bank: Created; cardType: Created; pos: Created }) => Record<string, unknown> = () => ({}),
) {
  const slug = (kind: string) => `${label}-${kind}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const bank = await apiCreate(request, 'banks', { name: `${label} Bank`, slug: slug('bank'), channel: 1 })
  const cardType = await apiCreate(request, 'card_types', { name: `${label} Type`, slug: slug('type'), channel: 1 })
  const pos = await apiCreate(request, 'pos', {
    name: `${label} POS`,
    slug: slug('pos'),
    gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
    config: {},
    resource_url: 'https://example.com/pay',
    channel: 1,
  })
  const card = await apiCreate(request, 'cards', {
    name: `${label} Card`,
    slug: slug('card'),
    bank: bank.pk,
    card_type: cardType.pk,
    card_payment_type: 'credit',
    cash_payment: pos.pk,
    installment_payment: pos.pk,
    channel: 1,
    ...extra({ bank, cardType, pos }),
  })
  return { bank, cardType, pos, card }
}

export async function apiGet(request: APIRequestContext, path: string) {
  return request.get(`/api/v1/${path}`, { headers: { Authorization: `Token ${E2E_TOKEN}` } })
}

/** A short unique suffix so tests never collide on slugs. */
export function uid(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

/** A valid Turkish IBAN (mod-97 check digits computed) from a 22-digit account part, for tests. */
export function turkishIban(bban: string): string {
  const digits = `${bban}${'TR'.split('').map((char) => char.charCodeAt(0) - 55).join('')}00`
  let remainder = 0
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97
  return `TR${String(98 - remainder).padStart(2, '0')}${bban}`
}

/** Clicks a button that runs a server action and waits for the action's answer (toasts alone can be stale). */
export async function clickAndWaitForAction(page: Page, name: string) {
  const answered = page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']))
  await page.getByRole('button', { name, exact: true }).click()
  await answered
}
