import { VIEWER, apiCreate, apiCreateCard, apiGet, expect, signIn, snap, test, uid } from './fixtures'

const BANKS = '/sales-channels/payment-management/banks'

test.describe('Banks', () => {
  const tag = uid()
  const created: { pk: number; name: string; slug: string }[] = []

  test.beforeAll(async ({ request }) => {
    // 25 banks of the first channel and one of the second: enough for two pages.
    for (let index = 0; index < 25; index += 1) {
      const name = `Bank ${tag} ${String(index).padStart(2, '0')}`
      const bank = await apiCreate(request, 'banks', { name, slug: `b-${tag}-${index}`, channel: 1, logo: null })
      created.push({ pk: bank.pk, name, slug: String(bank.slug) })
    }
    await apiCreate(request, 'banks', { name: `Mobile bank ${tag}`, slug: `m-${tag}`, channel: 2 })
  })

  test('lists, pages, sorts, filters and hides columns through the URL', async ({ page }) => {
    await signIn(page)
    await page.goto(BANKS)
    await expect(page.getByRole('heading', { level: 1, name: 'Banks' })).toBeVisible()
    const table = page.getByRole('table', { name: 'Banks' })
    await expect(table.getByRole('row')).toHaveCount(21)
    await expect(page.getByText(/^1–20 of \d+$/)).toBeVisible()
    await expect(page.getByText(`Mobile bank ${tag}`)).toHaveCount(0)
    await snap(page, 'banks-list')

    await page.getByRole('button', { name: 'Next page' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(page.getByText(/^21–\d+ of \d+$/)).toBeVisible()
    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect(page).not.toHaveURL(/page=2/)

    await table.getByRole('button', { name: 'Name' }).click()
    await expect(page).toHaveURL(/ordering=name/)
    await table.getByRole('button', { name: 'Name' }).click()
    await expect(page).toHaveURL(/ordering=-name/)
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending')
    const names = await table.locator('tbody tr td:nth-child(2)').allInnerTexts()
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)))

    // The same view after a reload: state lives in the URL.
    await page.reload()
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending')

    await page.getByLabel('Rows per page').selectOption('50')
    await expect(page).toHaveURL(/limit=50/)
    await expect(table.getByRole('row')).not.toHaveCount(21)

    const target = created[7]
    await page.getByLabel('ID').fill(String(target.pk))
    await expect(page).toHaveURL(new RegExp(`id=${target.pk}`))
    await expect(table.getByRole('row')).toHaveCount(2)
    await expect(table.getByRole('link', { name: target.name })).toBeVisible()

    await page.getByLabel('ID').fill('999999')
    await expect(page.getByRole('heading', { name: 'No banks match these filters' })).toBeVisible()
    await snap(page, 'banks-empty-filter')
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(page).not.toHaveURL(/id=/)

    await page.getByRole('button', { name: 'Columns' }).click()
    await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Slug').uncheck()
    await expect(page).toHaveURL(/columns=/)
    await expect(table.getByRole('columnheader', { name: 'Slug' })).toHaveCount(0)
  })

  test('exports the filtered list as CSV', async ({ page }) => {
    await signIn(page)
    await page.goto(`${BANKS}?id=${created[3].pk}`)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const file = await download
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/)
    expect(lines[0]).toBe('pk,name,slug,logo,channel,channel_name,modified_date,created_date')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(created[3].slug)
    expect(lines[1]).toContain(',1,Web Shop,')
  })

  test('creates, edits, refuses a duplicate slug beside the field, and deletes after confirmation', async ({ page, request }) => {
    await signIn(page)
    await page.goto(BANKS)
    await page.getByRole('link', { name: 'New bank' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'New bank' })).toBeVisible()
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('Web Shop')

    // Client-side validation with the API's own messages.
    await page.getByRole('button', { name: 'Create bank' }).click()
    await expect(page.getByText('This field may not be blank.').first()).toBeVisible()

    const name = `Akbank ${tag}`
    await page.getByLabel('Name').fill(name)
    await expect(page.getByLabel('Slug')).toHaveValue(`akbank-${tag}`)
    await page.getByLabel('Logo').fill('not a url')
    await page.getByLabel('Name').click()
    await expect(page.getByText('Enter a valid URL.')).toBeVisible()
    await page.getByLabel('Logo').fill('https://example.com/akbank.png')
    await snap(page, 'banks-new')
    await page.getByRole('button', { name: 'Create bank' }).click()
    await expect(page).toHaveURL(/\/banks\/\d+$/)
    await expect(page.getByRole('status')).toContainText(`Bank “${name}” saved.`)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    const id = Number(page.url().split('/').pop())

    await page.getByLabel('Name').fill(`${name} A.Ş.`)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByRole('status')).toContainText(`Bank “${name} A.Ş.” saved.`)
    await expect(page.getByRole('heading', { level: 1, name: `${name} A.Ş.` })).toBeVisible()
    expect((await (await apiGet(request, `banks/${id}/`)).json()).name).toBe(`${name} A.Ş.`)
    await snap(page, 'banks-edit')

    // The unique set is the server's rule: it comes back beside the slug.
    await page.goto(`${BANKS}/new`)
    await page.getByLabel('Name').fill(`Copy ${tag}`)
    await page.getByLabel('Slug').fill(`akbank-${tag}`)
    await page.getByRole('button', { name: 'Create bank' }).click()
    const slugError = page.locator('#field-slug-error')
    await expect(slugError).toHaveText('A bank with this slug already exists in this sales channel.')
    await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true')
    await expect(page).toHaveURL(/\/banks\/new$/)
    await snap(page, 'banks-duplicate-slug')

    await page.goto(`${BANKS}/${id}`)
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText(`Delete bank “${name} A.Ş.”?`)
    await snap(page, 'banks-delete-dialog')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await expect(page).toHaveURL(new RegExp(`${BANKS}$`))
    await expect(page.getByRole('status')).toContainText('Bank deleted.')
    expect((await apiGet(request, `banks/${id}/`)).status()).toBe(404)
  })

  test('refuses to delete a bank its cards still use, saying why in the dialog', async ({ page, request }) => {
    const { bank } = await apiCreateCard(request, `Used ${tag}`)
    await signIn(page)
    await page.goto(`${BANKS}/${bank.pk}`)
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(dialog.getByRole('alert')).toHaveText(`Bank: Used ${tag} Bank cannot be deleted while cards use it.`)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect((await apiGet(request, `banks/${bank.pk}/`)).status()).toBe(200)
  })

  test('bulk-creates banks from a CSV with progress and a result per row', async ({ page, request }) => {
    await signIn(page)
    await page.goto(BANKS)
    await page.getByRole('link', { name: 'Import CSV' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Import banks' })).toBeVisible()
    const csv = [
      'name,slug,logo',
      `Garanti ${tag},garanti-${tag},https://example.com/garanti.png`,
      `"Yapı Kredi, ${tag}",yapi-${tag},`,
      `Duplicate ${tag},${created[0].slug},`,
      `Bad logo ${tag},badlogo-${tag},not-a-url`,
    ].join('\r\n')
    await page.getByLabel('CSV file').setInputFiles({ name: 'banks.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) })
    await page.getByRole('button', { name: 'Import 4 banks' }).click()
    await expect(page.getByText('4 of 4 processed')).toBeVisible()
    await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '4')
    const results = page.getByRole('table', { name: 'Import results' })
    await expect(results.getByRole('row')).toHaveCount(5)
    await expect(results.getByRole('row').nth(1)).toContainText('Created')
    await expect(results.getByRole('row').nth(2)).toContainText(`Yapı Kredi, ${tag}`)
    await expect(results.getByRole('row').nth(2)).toContainText('Created')
    await expect(results.getByRole('row').nth(3)).toContainText('slug: A bank with this slug already exists in this sales channel.')
    await expect(results.getByRole('row').nth(4)).toContainText('logo: Enter a valid URL.')
    await expect(page.getByText('2 created')).toBeVisible()
    // A finished import is not offered again (it would only repeat the duplicates); each created bank links to its page.
    await expect(page.getByRole('button', { name: /^Import \d+ banks?$/ })).toHaveCount(0)
    await expect(results.getByRole('link', { name: `Open Yapı Kredi, ${tag}` })).toBeVisible()
    await expect(page.getByText('2 failed')).toBeVisible()
    await snap(page, 'banks-import')
    await page.getByLabel('Show failed rows only').check()
    await expect(results.getByRole('row')).toHaveCount(3)

    const list = await (await apiGet(request, `banks/?limit=500`)).json()
    const slugs = (list.results as { slug: string }[]).map((bank) => bank.slug)
    expect(slugs).toContain(`garanti-${tag}`)
    expect(slugs).toContain(`yapi-${tag}`)
    expect(slugs).not.toContain(`badlogo-${tag}`)

    await page.getByLabel('CSV file').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('title,code\r\nx,y') })
    const problem = page.locator('.form-error[role=alert]')
    await expect(problem).toContainText('Unknown columns: title, code.')
    await expect(problem).toContainText('Missing required columns: name, slug.')
  })

  test('the channel switcher scopes the list and new records', async ({ page }) => {
    await signIn(page)
    await page.goto(`${BANKS}?ordering=-pk`)
    await page.getByLabel('Sales channel').selectOption({ label: 'Mobile App' })
    await expect(page.getByRole('link', { name: `Mobile bank ${tag}` })).toBeVisible()
    await expect(page.getByRole('link', { name: created[0].name })).toHaveCount(0)
    await page.getByRole('link', { name: 'New bank' }).click()
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('Mobile App')
    await page.getByLabel('Sales channel').selectOption({ label: 'Web Shop' })
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('Web Shop')
  })

  test('a viewer sees banks read-only', async ({ page }) => {
    await signIn(page, VIEWER)
    await page.goto(`${BANKS}?id=${created[0].pk}`)
    await expect(page.getByRole('link', { name: created[0].name })).toBeVisible()
    await expect(page.getByRole('link', { name: 'New bank' })).toHaveCount(0)
    await page.getByRole('link', { name: created[0].name }).click()
    await expect(page.getByRole('heading', { level: 1, name: created[0].name })).toBeVisible()
    await expect(page.getByLabel('Name')).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0)
    await expect(page.getByRole('note')).toContainText('read-only')
    await snap(page, 'banks-viewer')
    await page.goto(`${BANKS}/new`)
    await expect(page.getByRole('note')).toHaveText('Your account is read-only: it can see banks but not add them.')
    await expect(page.getByRole('button', { name: 'Create bank' })).toHaveCount(0)
  })
})
