import { apiCreateCard, apiGet, expect, signIn, snap, test, uid } from './fixtures'

test('card detail: a CSV of BIN numbers uploads with progress and a per-row result table', async ({ page, request }) => {
  const tag = uid()
  const { card } = await apiCreateCard(request, `Upload ${tag}`)
  // Numbers outside the card ranges the demo data uses, unique to this run.
  const stamp = String(Date.now()).slice(-6)
  const six = `10${stamp.slice(-4)}`
  const eight = `11${stamp}`

  await signIn(page)
  await page.goto(`/sales-channels/payment-management/cards/${card.pk}`)
  await expect(page.getByLabel('BIN numbers CSV file')).toBeEnabled()
  await page.getByLabel('BIN numbers CSV file').setInputFiles({
    name: 'bins.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`bin_number\n${six}\n${eight}\n12345\n${six}\n`),
  })
  await page.getByRole('button', { name: 'Upload BIN numbers' }).click()
  const results = page.getByRole('table', { name: 'Import results' })
  await expect(results.getByRole('row', { name: new RegExp(`${eight} created`) })).toBeVisible()
  await expect(results.getByRole('row', { name: /12345/ })).toContainText(/6 or 8 digits/)
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '100')
  await expect(page.getByRole('status')).toContainText('BIN numbers uploaded: 2 created, 1 already there, 1 invalid.')
  await snap(page, 'cards-bin-import')

  const stored = await (await apiGet(request, `bin_numbers/?card=${card.pk}&ordering=bin_number`)).json()
  expect(stored.results.map((row: { bin_number: string }) => row.bin_number)).toEqual([six, eight].sort())
})
