import { E2E_TOKEN, VIEWER, expect, noAxeViolations, signIn, snap, test } from './fixtures'

const card = (number: string, amount: number) => ({
  amount,
  payment_method: 'credit_card',
  additional_params: { number, name: 'E2E Shopper', expiration_month: '09', expiration_year: '2030', cvv: '123' },
})

test('a finance user filters transactions, refunds part of a payment and sees the totals follow', async ({ page, request }) => {
  const headers = { Authorization: `Token ${E2E_TOKEN}` }
  const paid = await (await request.post('/api/payments', { headers, data: card('4111111111111111', 123.45) })).json()
  const declined = await (await request.post('/api/payments', { headers, data: card('4000000000000002', 67.89) })).json()
  expect(paid.status).toBe('success')
  expect(declined.status).toBe('error')

  await signIn(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transactions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible()
  await expect(page.getByRole('img', { name: /Daily payment volume by status/ })).toBeVisible()
  await noAxeViolations(page)
  await snap(page, 'transactions')

  const table = page.getByRole('table', { name: 'Transactions' })
  await page.getByLabel('Status', { exact: true }).selectOption('error')
  await expect(page).toHaveURL(/status=error/)
  await expect(table.locator('tbody > tr').first()).toContainText('Declined')
  for (const text of await table.locator('tbody > tr').allInnerTexts()) expect(text).toContain('Declined')

  // The CSV export follows the same filter, with masked numbers only.
  const csv = await page.request.get('/transactions/export?status=error')
  expect(csv.status()).toBe(200)
  const text = await csv.text()
  expect(text.split('\r\n')[0]).toBe('payment_id,created_at,amount,refunded_amount,payment_method,status,settled_amount,settled_at,card_or_phone,holder,created_via,created_by')
  expect(text).toContain(`${declined.payment_id},`)
  expect(text).toContain('400000******0002')
  expect(text).not.toContain('4000000000000002')
  expect(text).not.toContain(paid.payment_id)

  await page.getByLabel('Status', { exact: true }).selectOption('')
  await expect(page).not.toHaveURL(/status=/)
  await page.getByLabel('Amount from').fill('123.45')
  await expect(page).toHaveURL(/amount_gte=123.45/)
  await page.getByLabel('Amount to').fill('123.45')
  await expect(page).toHaveURL(/amount_lte=123.45/)
  await expect(table.getByRole('link', { name: `${paid.payment_id.slice(0, 12)}…` })).toBeVisible()
  // Totals for the filter: this payment (and any other of exactly 123.45) only.
  const totals = page.getByRole('region', { name: 'Totals for these filters' })
  await expect(totals).toContainText('123.45')

  await table.getByRole('link', { name: `${paid.payment_id.slice(0, 12)}…` }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Payment of 123.45/ })).toBeVisible()
  const amount = page.getByLabel('Refund amount')
  await expect(amount).toHaveValue('123.45')
  await noAxeViolations(page)
  await amount.fill('23.45')
  await page.getByRole('button', { name: 'Refund…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Refund 23.45?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Refund' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('table', { name: 'Refunds of this payment' }).locator('tbody > tr')).toHaveCount(1)
  await expect(page.getByLabel('Refund amount')).toHaveValue('100.00')
  await snap(page, 'transaction-refunded')

  const refunds = await (await request.get(`/api/refunds?payment_id=${paid.payment_id}`, { headers })).json()
  expect(refunds).toEqual([{ refund_id: expect.any(String), payment_id: paid.payment_id, amount: 23.45 }])

  // Settle, confirmed in a dialog.
  await page.getByRole('button', { name: 'Settle 123.45' }).click()
  await page.getByRole('dialog', { name: 'Settle 123.45?' }).getByRole('button', { name: 'Settle' }).click()
  await expect(page.getByRole('region', { name: 'Payment', exact: true })).toContainText(/123\.45 on /)
})

test('a viewer reads transactions but is offered no refund or settle', async ({ page, request }) => {
  const paid = await (await request.post('/api/payments', { headers: { Authorization: `Token ${E2E_TOKEN}` }, data: card('5555555555554444', 10) })).json()
  await signIn(page, VIEWER)
  await page.goto(`/transactions/${paid.payment_id}`)
  await expect(page.getByRole('heading', { level: 1, name: /Payment of 10.00/ })).toBeVisible()
  await expect(page.getByText(/read-only access/)).toBeVisible()
  await expect(page.getByLabel('Refund amount')).toHaveCount(0)
})

test('the ledger and order payment pages read on a phone (390 px) and say when nothing matches', async ({ page, request }) => {
  const paid = await (await request.post('/api/payments', { headers: { Authorization: `Token ${E2E_TOKEN}` }, data: card('4111111111111111', 1234.5) })).json()
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page)
  for (const [path, name, shot] of [
    ['/transactions', 'Transactions', 'transactions-390'],
    [`/transactions/${paid.payment_id}`, /Payment of 1,?234.50/, 'transaction-390'],
    ['/order-payments', 'Order Payments', 'order-payments-390'],
  ] as const) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await snap(page, shot)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0)
  }
  await page.getByRole('table', { name: 'Orders' }).getByRole('link', { name: 'DEMO-1009' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Order DEMO-1009' })).toBeVisible()
  await snap(page, 'order-payment-390')
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)

  // A filter nothing matches: the totals, the chart and the table all say so.
  await page.setViewportSize({ width: 1280, height: 860 })
  await page.goto('/transactions?amount_gte=99999999')
  await expect(page.getByRole('heading', { name: 'No transactions match these filters' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Totals for these filters' })).toContainText('0.00')
  await snap(page, 'transactions-no-match')
})
