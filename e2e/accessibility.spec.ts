import type { Page } from '@playwright/test'
import { apiCreate, expect, noAxeViolations, signIn, test, uid } from './fixtures'

/**
 * axe-core finds no WCAG 2.1 A/AA violation on any console page: lists, detail/edit pages with their
 * tables, new-record forms, the CSV import, API tokens, the audit log, the API reference and sign-in,
 * and with dialogs, menus and expanded rows open. Scanned as an admin (who sees every control).
 */

const PM = '/sales-channels/payment-management'

async function scan(page: Page, path: string) {
  await page.goto(path)
  await page.waitForLoadState('networkidle')
  await noAxeViolations(page, path)
}

/** The detail page of the first record a list shows. */
async function firstDetail(page: Page, list: string) {
  await page.goto(list)
  const href = await page.getByRole('table').first().locator('tbody a').first().getAttribute('href')
  expect(href).toBeTruthy()
  return href!
}

test('sign-in page', async ({ page }) => {
  await scan(page, '/login')
})

test('console pages: lists, new, detail with their tables, import, tokens, audit log, API reference', async ({ page }) => {
  test.setTimeout(180_000)
  await signIn(page)
  for (const resource of ['pos', 'banks', 'card-types', 'cards', 'payment-options']) {
    await scan(page, `${PM}/${resource}`)
    await scan(page, `${PM}/${resource}/new`)
    await scan(page, await firstDetail(page, `${PM}/${resource}`))
  }
  for (const path of [`${PM}/banks/import`, `${PM}/installment-preview`, '/api-tokens', '/audit-log', '/api/docs']) await scan(page, path)
})

test('open dialogs, menus and expanded rows', async ({ page, request }) => {
  const tag = uid()
  const bank = await apiCreate(request, 'banks', { name: `Axe bank ${tag}`, slug: `axe-${tag}`, channel: 1 })
  await signIn(page)

  await page.goto(`${PM}/banks/${bank.pk}`)
  await page.getByRole('button', { name: 'Add bank account' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  // A submitted empty form shows its errors: they must be readable too.
  await page.getByRole('dialog').getByRole('button', { name: 'Create bank account' }).click()
  await expect(page.getByRole('dialog').getByText('This field may not be blank.').first()).toBeVisible()
  await noAxeViolations(page, 'bank page with the new-account dialog and its errors')
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('dialog')).toContainText(`Delete bank “Axe bank ${tag}”?`)
  await noAxeViolations(page, 'bank page with the delete dialog')
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

  await page.goto(`${PM}/banks`)
  await page.getByRole('button', { name: 'Columns' }).click()
  await expect(page.getByRole('group', { name: 'Visible columns' })).toBeVisible()
  await noAxeViolations(page, 'banks list with the column menu open')

  await page.goto('/api-tokens')
  await page.getByRole('button', { name: 'New token' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await noAxeViolations(page, 'API tokens with the new-token dialog')

  await page.goto(`/audit-log?resource=banks&record_id=${bank.pk}`)
  await page.getByRole('button', { name: /Show changes/ }).first().click()
  await expect(page.locator('tr.expanded-row')).toBeVisible()
  await noAxeViolations(page, 'audit log with an entry expanded')

  // A saved change's toast.
  await page.goto(`${PM}/banks/${bank.pk}`)
  await page.getByLabel('Name', { exact: true }).fill(`Axe bank ${tag} 2`)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status')).toContainText('saved.')
  await noAxeViolations(page, 'bank page with a toast')
})
