import { VIEWER, expect, signIn, snap, test, uid } from './fixtures'

test('an admin creates a token, sees its key once, uses it, and revokes it', async ({ page, request }) => {
  const name = `ERP ${uid()}`
  await signIn(page)
  await page.goto('/api-tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'API Tokens' })).toBeVisible()

  await page.getByRole('button', { name: 'New token' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Create token' }).click()
  await expect(dialog.getByText('This field may not be blank.')).toBeVisible()
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByRole('button', { name: 'Create token' }).click()
  const key = (await dialog.getByLabel('New API key').innerText()).trim()
  expect(key).toMatch(/^pm_[A-Za-z0-9_-]{32}$/)
  await expect(dialog.getByRole('button', { name: 'Copy key' })).toBeVisible()
  await snap(page, 'api-tokens-key-once')
  await dialog.getByRole('button', { name: 'Done' }).click()

  const row = page.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText(`${key.slice(0, 8)}…`)
  await expect(page.getByText(key)).toHaveCount(0)

  const headers = { Authorization: `Token ${key}` }
  expect((await request.get('/api/v1/banks/', { headers })).status()).toBe(200)
  await page.reload()
  // Created and now last used: two timestamps in the row.
  await expect(page.getByRole('row').filter({ hasText: name }).locator('time')).toHaveCount(2)
  await snap(page, 'api-tokens-list')

  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  await expect(page.getByRole('dialog')).toContainText(`Revoke token “${name}”?`)
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(page.getByRole('status')).toContainText(`Token “${name}” revoked.`)
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Revoked')
  expect((await request.get('/api/v1/banks/', { headers })).status()).toBe(401)

  await page.getByLabel('Status').selectOption('revoked')
  await expect(page).toHaveURL(/status=revoked/)
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible()
})

test('a viewer sees tokens but cannot create or revoke them', async ({ page }) => {
  await signIn(page, VIEWER)
  await page.goto('/api-tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'API Tokens' })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: 'SEED_API_TOKEN' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'New token' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Revoke/ })).toHaveCount(0)
})
