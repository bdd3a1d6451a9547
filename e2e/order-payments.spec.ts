import { expect, noAxeViolations, signIn, snap, test } from './fixtures'

test('a finance user confirms a pending order payment and refunds part of another', async ({ page }) => {
  await signIn(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Order Payments' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Order Payments' })).toBeVisible()
  await noAxeViolations(page)
  await snap(page, 'order-payments')

  // DEMO-1013 is seeded with a bank transfer awaiting confirmation.
  await page.getByLabel('Order number or customer').fill('DEMO-1013')
  await expect(page).toHaveURL(/search=DEMO-1013/)
  await page.getByRole('table', { name: 'Orders' }).getByRole('link', { name: 'DEMO-1013' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Order DEMO-1013' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Amounts' })).toContainText(/Payment status\s*Not paid$/)
  await noAxeViolations(page)

  await page.getByRole('button', { name: 'Confirm receipt of 1,500.00' }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirm the receipt of 1,500.00?' })
  await dialog.getByRole('button', { name: 'Confirm payment' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('region', { name: 'Amounts' })).toContainText(/Payment status\s*Paid$/)
  const payments = page.getByRole('table', { name: 'Payments of order DEMO-1013' })
  await expect(payments.locator('tbody > tr').first()).toContainText('complete')
  await expect(payments.locator('tbody > tr').first()).toContainText('confirmed by admin@example.com via console')
  await snap(page, 'order-payment-confirmed')

  // The confirmed (hand-recorded) receipt can now be refunded in part.
  await page.getByRole('button', { name: 'Refund receipt of 1,500.00' }).click()
  const refund = page.getByRole('dialog', { name: 'Refund the receipt of 1,500.00?' })
  await expect(refund.getByLabel('Refund amount')).toHaveValue('1500.00')
  await refund.getByLabel('Refund amount').fill('200')
  await refund.getByRole('button', { name: 'Refund' }).click()
  await expect(refund).toBeHidden()
  await expect(page.getByRole('region', { name: 'Amounts' })).toContainText(/Payment status\s*Partially refunded$/)
  await expect(payments.locator('tbody > tr')).toHaveCount(2)
})

test('a finance user filters orders by payment status, from the URL too', async ({ page }) => {
  await signIn(page)
  await page.goto('/order-payments')
  const orders = page.getByRole('table', { name: 'Orders' })
  // Filtering once the table is interactive (choices made before hydration: typing.spec.ts).
  await expect(page.getByRole('button', { name: 'Columns' })).toBeEnabled()
  await page.getByLabel('Payment status').selectOption('refunded')
  await expect(page).toHaveURL(/payment_status=refunded/)
  // The seeded demo orders include fully refunded ones (DEMO-1010, DEMO-1011).
  await expect(orders.getByRole('link', { name: 'DEMO-1010' })).toBeVisible()
  const rows = orders.locator('tbody > tr')
  expect(await rows.count()).toBeGreaterThan(0)
  for (const text of await rows.allInnerTexts()) expect(text).toContain('Refunded')
  await noAxeViolations(page)
  await snap(page, 'order-payments-refunded')

  // A paid order is not refunded: nothing matches both, and the empty state says so and offers a way out.
  await page.getByLabel('Order number or customer').fill('DEMO-1001')
  await expect(page).toHaveURL(/search=DEMO-1001/)
  await expect(page.getByRole('heading', { name: 'No orders match these filters' })).toBeVisible()
  await snap(page, 'order-payments-no-match')
  await page.getByRole('button', { name: 'Clear filters' }).first().click()
  await expect(page).not.toHaveURL(/payment_status=|search=/)
  // Every order again (newest first: other specs' checkouts may come before the demo orders).
  await expect(orders.getByText('Partially paid').first()).toBeVisible()

  // The filter is the URL: opened directly it selects and filters the same way.
  await page.goto('/order-payments?payment_status=paid&search=DEMO-10')
  await expect(page.getByLabel('Payment status')).toHaveValue('paid')
  await expect(orders.getByRole('link', { name: 'DEMO-1001' })).toBeVisible()
  for (const text of await rows.allInnerTexts()) expect(text).toContain('Paid')
  await expect(orders.getByRole('link', { name: 'DEMO-1010' })).toHaveCount(0)

  // A hand-edited URL with a status that does not exist says so instead of failing.
  await page.goto('/order-payments?payment_status=bogus')
  await expect(page.getByRole('button', { name: 'Columns' })).toBeEnabled()
  await expect(page).toHaveURL(/payment_status=bogus/)
  await expect(page.getByRole('alert').filter({ hasText: 'payment_status' })).toContainText('payment_status: Select a valid choice. bogus is not one of the available choices.')
})
