import { VIEWER, expect, signIn, snap, test, uid } from './fixtures'

test('an admin creates an order-management key, sees it once, an integration uses it, and the admin revokes it', async ({ page, request }) => {
  const name = `OMS ${uid()}`
  await signIn(page)
  await page.goto('/api-tokens')
  const section = page.getByRole('region', { name: 'Order-management API keys' })
  await expect(section).toBeVisible()

  // A key without a name is refused next to the field.
  await section.getByRole('button', { name: 'Create key' }).click()
  await expect(section.getByText('This field may not be blank.')).toBeVisible()

  await section.getByLabel('Key name').fill(name)
  await section.getByLabel('Organization').selectOption('demo')
  await section.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Order-management key “${name}” created.` })).toBeVisible()
  const key = (await section.getByLabel('New order-management key').innerText()).trim()
  expect(key).toMatch(/^om_[A-Za-z0-9_-]{32}$/)
  await expect(section.getByRole('button', { name: 'Copy key' })).toBeVisible()
  await snap(page, 'om-keys-key-once')

  // What a back-office system does with it: the api-key and organization-id headers on /v1/om.
  const headers = { 'api-key': key, 'organization-id': 'demo' }
  const orders = await request.get('/v1/om/orders?limit=5', { headers })
  expect(orders.status()).toBe(200)
  const body = await orders.json()
  expect(body).toMatchObject({ service: 'om', warnings: [], data: { items: expect.any(Array) } })
  expect(body.data.items.length).toBeGreaterThan(0)
  const order = await request.get(`/v1/om/orders/${body.data.items[0].id}`, { headers })
  expect(order.status()).toBe(200)
  expect((await order.json()).data.id).toBe(body.data.items[0].id)
  // The key is bound to its organization: another one is refused.
  const elsewhere = await request.get('/v1/om/orders', { headers: { ...headers, 'organization-id': 'other' } })
  expect(elsewhere.status()).toBe(403)
  expect((await elsewhere.json()).error.code).toBe('forbidden')

  // Shown once: put away (or after a reload) only its prefix is on the page, and the use is recorded.
  await section.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByText(key)).toHaveCount(0)
  await page.reload()
  const row = section.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText(`${key.slice(0, 8)}…`)
  await expect(page.getByText(key)).toHaveCount(0)
  // Created and now last used: two timestamps in the row.
  await expect(row.locator('time')).toHaveCount(2)
  await snap(page, 'om-keys-list')

  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  const dialog = page.getByRole('dialog', { name: `Revoke key “${name}”?` })
  await dialog.getByRole('button', { name: 'Revoke' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: `Key “${name}” revoked.` })).toBeVisible()
  await expect(row).toContainText('Revoked')
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0)

  const refused = await request.get('/v1/om/orders', { headers })
  expect(refused.status()).toBe(401)
  expect(await refused.json()).toMatchObject({ service: 'om', data: null, error: { code: 'unauthenticated' } })
})

test('a viewer sees the order-management keys but cannot create or revoke one', async ({ page }) => {
  await signIn(page, VIEWER)
  await page.goto('/api-tokens')
  const section = page.getByRole('region', { name: 'Order-management API keys' })
  await expect(section).toBeVisible()
  await expect(section.getByRole('button', { name: 'Create key' })).toHaveCount(0)
  await expect(section.getByRole('button', { name: /^Revoke/ })).toHaveCount(0)
})
