import { ADMIN, VIEWER, clickAndWaitForAction, expect, signIn, snap, test } from './fixtures'

test('anonymous visitors are sent to the sign-in page', async ({ page }) => {
  await page.goto('/sales-channels/payment-management/banks')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await snap(page, 'login')
})

test('a wrong password shows an inline error', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Next's route announcer is an empty alert too: pick ours by its text.
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible()
  await expect(page).toHaveURL(/\/login$/)
})

test('signs in, walks every menu link and signs out', async ({ page }) => {
  await signIn(page)
  const links: [string, RegExp, string][] = [
    ['POS Integrations', /\/payment-management\/pos$/, 'POS Integrations'],
    ['Banks', /\/payment-management\/banks$/, 'Banks'],
    ['Card Types', /\/payment-management\/card-types$/, 'Card Types'],
    ['Card Settings', /\/payment-management\/cards$/, 'Card Settings'],
    ['Payment Options', /\/payment-management\/payment-options$/, 'Payment Options'],
  ]
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const [link, url, heading] of links) {
    await nav.getByRole('link', { name: link, exact: true }).click()
    await expect(page).toHaveURL(url)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  }
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/sales-channels/payment-management/pos')
  await expect(page).toHaveURL(/\/login$/)
})

test('a viewer is shown as read-only', async ({ page }) => {
  await signIn(page, VIEWER)
  await expect(page.getByText('Viewer (read-only)')).toBeVisible()
})

test('sign-in attempts are throttled per account', async ({ page }) => {
  await page.goto('/login')
  const email = `nobody-${Date.now()}@example.com`
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(`wrong-${attempt}`)
    // Each attempt must be answered before the next, or a stale alert would pass the check.
    await clickAndWaitForAction(page, 'Sign in')
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible()
    // React resets the form after the action; typing before that would be wiped.
    await expect(page.getByLabel('Password')).toHaveValue('')
  }
  await page.getByLabel('Password').fill('wrong-6')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts' })).toBeVisible()
})
