import { ADMIN, VIEWER, expect, signIn, snap, test } from './fixtures'

// Removes the seeded viewer, which other specs sign in as: kept last in the run (files run in name order, one worker).

test('the signed-in user changes their password: checked, other sessions end, this one stays', async ({ page, browser }) => {
  // A second browser of the same admin: its session must end with the change.
  const other = await browser.newContext()
  const elsewhere = await other.newPage()
  await signIn(elsewhere)

  await signIn(page)
  await page.getByRole('link', { name: 'Change password' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible()
  const form = page.getByRole('form', { name: 'Change password' })
  await form.getByLabel('Current password').fill('not-my-password')
  await form.getByLabel('New password', { exact: true }).fill('short')
  await form.getByLabel('New password again').fill('different')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(form.getByText('Use at least 10 characters.')).toBeVisible()
  await expect(form.getByText('The two new passwords do not match.')).toBeVisible()
  await expect(form.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true')

  await form.getByLabel('Current password').fill('not-my-password')
  await form.getByLabel('New password', { exact: true }).fill('a-brand-new-password')
  await form.getByLabel('New password again').fill('a-brand-new-password')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(form.getByText('The current password is not right.')).toBeVisible()

  await form.getByLabel('Current password').fill(ADMIN.password)
  await form.getByLabel('New password', { exact: true }).fill('a-brand-new-password')
  await form.getByLabel('New password again').fill('a-brand-new-password')
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('status')).toContainText('Password changed. Your other sessions were signed out.')
  await snap(page, 'password-changed')

  // This browser is still signed in; the other one was signed out on the server.
  await page.goto('/accounts')
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
  await elsewhere.goto('/accounts')
  await expect(elsewhere).toHaveURL(/\/login/)
  await other.close()

  // Back to the seeded password (other specs sign in with it), which also proves the new one works.
  await page.goto('/accounts/password')
  await form.getByLabel('Current password').fill('a-brand-new-password')
  await form.getByLabel('New password', { exact: true }).fill(ADMIN.password)
  await form.getByLabel('New password again').fill(ADMIN.password)
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('status')).toContainText('Password changed.')
})

test('an admin removes a user after confirming: the user is signed out at once; nobody removes themselves', async ({ page, browser }) => {
  const viewerContext = await browser.newContext()
  const viewer = await viewerContext.newPage()
  await signIn(viewer, VIEWER)
  // A viewer sees the users but cannot remove anyone.
  await viewer.goto('/accounts')
  await expect(viewer.getByRole('table', { name: 'Console users' })).toBeVisible()
  await expect(viewer.getByRole('button', { name: /^Remove/ })).toHaveCount(0)

  await signIn(page)
  await page.getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Console users' })
  await expect(table.getByRole('row').filter({ hasText: ADMIN.email })).toContainText('You')
  await expect(table.getByRole('button', { name: `Remove ${ADMIN.email}` })).toHaveCount(0)
  await snap(page, 'users-list')

  // Cancel first: nothing happens.
  await table.getByRole('button', { name: `Remove ${VIEWER.email}` }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`Remove user “${VIEWER.email}”?`)
  await snap(page, 'users-remove-confirm')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(table.getByRole('row').filter({ hasText: VIEWER.email })).toBeVisible()

  await table.getByRole('button', { name: `Remove ${VIEWER.email}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove user' }).click()
  await expect(page.getByRole('status')).toContainText(`User “${VIEWER.email}” removed. Their sessions have ended.`)
  await expect(table.getByRole('row').filter({ hasText: VIEWER.email })).toHaveCount(0)

  // The removed user's open browser is signed out on its next request.
  await viewer.goto('/accounts')
  await expect(viewer).toHaveURL(/\/login/)
  await viewerContext.close()

  await page.goto('/audit-log?resource=users')
  await expect(page.getByRole('row').filter({ hasText: VIEWER.email }).first()).toContainText('Deleted')
})

test('the users and password pages at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page)
  await page.goto('/accounts')
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
  await snap(page, 'users-390')
  await page.goto('/accounts/password')
  await expect(page.getByRole('form', { name: 'Change password' }).getByLabel('Current password')).toBeVisible()
  await snap(page, 'password-390')
})
