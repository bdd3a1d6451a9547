import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, signIn, snap, test } from './fixtures'

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}

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
