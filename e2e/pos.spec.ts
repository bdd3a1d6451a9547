import { VIEWER, expect, signIn, snap, test, uid } from './fixtures'

const POS = '/sales-channels/payment-management/pos'

test('a POS gets its gateway settings from the chosen gateway, with secrets masked and revealable', async ({ page }) => {
  const tag = uid()
  await signIn(page)
  await expect(page.getByRole('heading', { level: 1, name: 'POS Integrations' })).toBeVisible()
  await page.getByRole('link', { name: 'New POS integration' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New POS integration' })).toBeVisible()
  await page.getByLabel('Name').fill(`Garanti ${tag}`)
  await page.getByLabel('Gateway').selectOption({ label: 'Gpay' })
  const settings = page.getByRole('group', { name: 'Gpay settings' })
  await expect(settings.getByRole('group', { name: 'Auth' })).toBeVisible()
  await page.getByLabel('Resource url', { exact: true }).fill('https://sanalposprovtest.garanti.com.tr/VPServlet')

  // The gateway's own rules, checked in the browser with the API's messages.
  await page.getByRole('button', { name: 'Create POS integration' }).click()
  await expect(settings.locator('#field-config-auth-password-error')).toHaveText('This field may not be blank.')
  await expect(settings.locator('#field-config-store_key-error')).toHaveText('This field may not be blank.')
  await snap(page, 'pos-new-errors')

  const password = settings.getByLabel('Provision password', { exact: true })
  await expect(password).toHaveAttribute('type', 'password')
  await password.fill('s3cret-Pass')
  await settings.getByLabel('Merchant id').fill('7000679')
  await settings.getByLabel('Terminal id').fill('30691297')
  await settings.getByLabel('Payment user').fill('PROVAUT')
  await settings.getByLabel('Refund user').fill('PROVRFN')
  await settings.getByLabel('Store key', { exact: true }).fill('12345678')
  await settings.getByLabel('Refund url').fill('https://sanalposprovtest.garanti.com.tr/VPServlet')
  await settings.getByLabel('Company name').fill('Acme')
  await settings.getByLabel('Timeout period (seconds)').fill('5000')
  await page.getByRole('button', { name: 'Create POS integration' }).click()
  await expect(settings.getByText('Ensure this value is less than or equal to 3600.')).toBeVisible()
  await settings.getByLabel('Timeout period (seconds)').fill('')
  await page.getByRole('button', { name: 'Create POS integration' }).click()
  await expect(page).toHaveURL(/\/pos\/\d+$/)
  await expect(page.getByRole('status')).toContainText(`POS integration “Garanti ${tag}” saved.`)
  const id = page.url().split('/').pop()

  const stored = page.getByRole('group', { name: 'Gpay settings' }).getByLabel('Provision password', { exact: true })
  await expect(stored).toHaveAttribute('type', 'password')
  await expect(stored).toHaveValue('s3cret-Pass')
  await page.getByRole('button', { name: 'Show Provision password' }).click()
  await expect(stored).toHaveAttribute('type', 'text')
  await expect(page.getByRole('button', { name: 'Show Provision password' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('group', { name: 'Gpay settings' }).getByLabel('Timeout period (seconds)')).toHaveValue('300')
  await snap(page, 'pos-edit')

  // A duplicate slug comes back beside the slug.
  await page.goto(`${POS}/new`)
  await page.getByLabel('Name').fill(`Garanti ${tag}`)
  await page.getByLabel('Gateway').selectOption({ label: 'Dummypay' })
  await expect(page.getByRole('group', { name: 'Dummypay settings' }).getByLabel('Three d enabled')).not.toBeChecked()
  await page.getByLabel('Resource url', { exact: true }).fill('https://example.com/pay')
  await page.getByRole('button', { name: 'Create POS integration' }).click()
  await expect(page.locator('#field-slug-error')).toHaveText('A POS integration with this slug already exists in this sales channel.')

  await page.goto(`${POS}`)
  await expect(page.getByRole('row').filter({ hasText: `Garanti ${tag}` })).toContainText('Gpay')

  // A viewer sees the POS with its secrets masked, and cannot change it.
  await page.context().clearCookies()
  await signIn(page, VIEWER)
  await page.goto(`${POS}/${id}`)
  const masked = page.getByRole('group', { name: 'Gpay settings' }).getByLabel('Provision password', { exact: true })
  await expect(masked).toBeDisabled()
  await expect(masked).not.toHaveValue('s3cret-Pass')
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0)

  await page.goto(`/audit-log?resource=pos&record_id=${id}`)
  await page.getByRole('button', { name: /Show changes/ }).first().click()
  await expect(page.locator('tr.expanded-row')).toContainText('"password":"••••••')
  await expect(page.locator('tr.expanded-row')).not.toContainText('s3cret-Pass')
})
