import { E2E_TOKEN, VIEWER, apiCreate, clickAndWaitForAction, expect, signIn, snap, test, uid } from './fixtures'

test('changes from the console and the API are listed with who, what and each field before and after', async ({ page, request }) => {
  const tag = uid()
  const bank = await apiCreate(request, 'banks', { name: `Audit bank ${tag}`, slug: `audit-${tag}`, channel: 1 })
  const patched = await request.patch(`/api/v1/banks/${bank.pk}/`, { headers: { Authorization: `Token ${E2E_TOKEN}` }, data: { name: `Audited bank ${tag}` } })
  expect(patched.status()).toBe(200)

  await signIn(page)
  await page.goto(`/sales-channels/payment-management/banks/${bank.pk}`)
  await page.getByLabel('Logo').fill('https://example.com/audit.png')
  await clickAndWaitForAction(page, 'Save changes')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit Log' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit Log' })).toBeVisible()
  await page.getByLabel('Resource').selectOption('banks')
  await expect(page).toHaveURL(/resource=banks/)
  await page.getByLabel('Record ID').fill(String(bank.pk))
  await expect(page).toHaveURL(new RegExp(`record_id=${bank.pk}`))

  const table = page.getByRole('table', { name: 'Audit log entries' })
  const rows = table.locator('tbody > tr')
  await expect(rows).toHaveCount(3)
  // Newest first: the console's logo change, the API's rename, the API's create.
  await expect(rows.nth(0)).toContainText('Console')
  await expect(rows.nth(0)).toContainText('logo')
  await expect(rows.nth(1)).toContainText('API')
  await expect(rows.nth(1)).toContainText('Updated')
  await expect(rows.nth(2)).toContainText('Created')
  await expect(rows.nth(0)).toContainText('admin@example.com')

  await rows.nth(1).getByRole('button', { name: /Show changes/ }).click()
  const detail = table.locator('tr.expanded-row')
  await expect(detail.getByRole('rowheader', { name: 'name' })).toBeVisible()
  await expect(detail).toContainText(`Audit bank ${tag}`)
  await expect(detail).toContainText(`Audited bank ${tag}`)
  await snap(page, 'audit-log')

  await page.getByLabel('Action').selectOption('create')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Created')

  const users = page.getByLabel('User')
  await users.selectOption({ label: VIEWER.email })
  await expect(page.getByRole('heading', { name: 'No audit log entries match these filters' })).toBeVisible()

  // A day that does not exist is reported, not sent to the database.
  await page.goto('/audit-log?at__date=2026-02-30')
  await expect(page.getByRole('alert').filter({ hasText: 'Some filters were ignored.' })).toHaveText('Some filters were ignored. at__date: Enter a valid date.')
})
