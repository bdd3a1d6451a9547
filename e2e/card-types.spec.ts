import { VIEWER, clickAndWaitForAction, expect, signIn, snap, test, uid } from './fixtures'

const TYPES = '/sales-channels/payment-management/card-types'
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

test('card types: create with a logo upload and preview, refuse a non-image, duplicate slug, delete', async ({ page }) => {
  const tag = uid()
  await signIn(page)
  await page.goto(TYPES)
  await expect(page.getByRole('heading', { level: 1, name: 'Card Types' })).toBeVisible()
  await page.getByRole('link', { name: 'New card type' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New card type' })).toBeVisible()
  await page.getByLabel('Name').fill(`Bonus ${tag}`)
  await page.getByLabel('Logo').setInputFiles({ name: 'bonus.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') })
  // Refused as soon as it is chosen (its type says text), before any upload.
  await expect(page.locator('#field-logo-error')).toHaveText('Upload a valid image. The file you uploaded was either not an image or a corrupted image.')
  await page.getByRole('button', { name: 'Create card type' }).click()
  await expect(page.locator('#field-logo-error')).toHaveText('Upload a valid image. The file you uploaded was either not an image or a corrupted image.')

  await page.getByLabel('Logo').setInputFiles({ name: 'bonus.png', mimeType: 'image/png', buffer: PNG })
  await expect(page.locator('.image-preview img')).toHaveAttribute('src', /^blob:/)
  await snap(page, 'card-types-new')
  await page.getByRole('button', { name: 'Create card type' }).click()
  await expect(page).toHaveURL(/\/card-types\/\d+$/)
  await expect(page.getByRole('status')).toContainText(`Card type “Bonus ${tag}” saved.`)
  const logo = page.locator('.image-preview img')
  await expect(logo).toHaveAttribute('src', /\/media\/card-types\/[0-9a-f]+\.png$/)
  const src = await logo.getAttribute('src')
  expect((await page.request.get(src!)).headers()['content-type']).toBe('image/png')

  await page.getByRole('button', { name: 'Remove logo' }).click()
  await clickAndWaitForAction(page, 'Save changes')
  await page.reload()
  await expect(page.locator('.image-preview img')).toHaveCount(0)

  await page.goto(`${TYPES}/new`)
  await page.getByLabel('Name').fill(`Bonus ${tag}`)
  await page.getByRole('button', { name: 'Create card type' }).click()
  await expect(page.locator('#field-slug-error')).toHaveText('A card type with this slug already exists in this sales channel.')

  await page.goto(TYPES)
  await page.getByRole('link', { name: `Bonus ${tag}` }).click()
  await page.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL(new RegExp(`${TYPES}$`))
  await expect(page.getByRole('link', { name: `Bonus ${tag}` })).toHaveCount(0)

  await page.context().clearCookies()
  await signIn(page, VIEWER)
  await page.goto(TYPES)
  await expect(page.getByRole('link', { name: 'New card type' })).toHaveCount(0)
})
