import { VIEWER, apiCreate, apiGet, expect, signIn, snap, test, turkishIban, uid } from './fixtures'

const BANKS = '/sales-channels/payment-management/banks'

test('a bank page lists its accounts: add with IBAN checked as you type, duplicate IBAN, reorder, edit, deactivate', async ({ page, request }) => {
  const tag = uid()
  const bank = await apiCreate(request, 'banks', { name: `Ziraat ${tag}`, slug: `ziraat-${tag}`, channel: 1 })
  const first = turkishIban(`0001${String(Date.now()).slice(-12).padStart(18, '0')}`)
  const second = turkishIban(`0002${String(Date.now()).slice(-12).padStart(18, '0')}`)

  await signIn(page)
  await page.goto(`${BANKS}/${bank.pk}`)
  const section = page.getByRole('region', { name: 'Bank accounts' })
  await expect(section.getByRole('heading', { name: 'No bank accounts yet' })).toBeVisible()

  await section.getByRole('button', { name: 'Add bank account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add bank account' })
  await expect(dialog.getByLabel('Bank', { exact: true })).toHaveValue(`Ziraat ${tag}`)
  await dialog.getByLabel('Slug').fill(`main-${tag}`)
  await dialog.getByLabel('Holder name').fill('Acme Ltd.')
  const iban = dialog.getByLabel('IBAN')
  await iban.fill('TR12 3456')
  await iban.blur()
  await expect(dialog.getByText('Enter a valid IBAN.')).toBeVisible()
  // Fixed as the user types, without leaving the field.
  await iban.fill(first.replace(/(.{4})/g, '$1 ').trim().toLowerCase())
  await expect(dialog.getByText('Enter a valid IBAN.')).toHaveCount(0)
  await snap(page, 'bank-accounts-add')
  await dialog.getByRole('button', { name: 'Create bank account' }).click()
  await expect(dialog).toBeHidden()
  const table = section.getByRole('table', { name: 'Bank accounts' })
  await expect(table.getByRole('row').filter({ hasText: first })).toBeVisible()

  // The same IBAN again: the server's unique set comes back beside the IBAN.
  await section.getByRole('button', { name: 'Add bank account' }).click()
  await dialog.getByLabel('Slug').fill(`copy-${tag}`)
  await dialog.getByLabel('Holder name').fill('Acme Ltd.')
  await dialog.getByLabel('IBAN').fill(first)
  await dialog.getByRole('button', { name: 'Create bank account' }).click()
  await expect(dialog.locator('#dialog-field-iban-error')).toHaveText('A bank account with this IBAN already exists in this sales channel.')
  await dialog.getByLabel('Slug').fill(`second-${tag}`)
  await dialog.getByLabel('IBAN').fill(second)
  await dialog.getByRole('button', { name: 'Create bank account' }).click()
  await expect(dialog).toBeHidden()

  const rows = table.locator('tbody > tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText(first)
  await rows.nth(1).getByRole('button', { name: `Move ${second} up` }).click()
  await expect(rows.nth(0)).toContainText(second)
  await expect(rows.nth(1)).toContainText(first)

  await rows.nth(1).getByRole('button', { name: `Edit ${first}` }).click()
  const edit = page.getByRole('dialog', { name: `Edit bank account ${first}` })
  await edit.getByLabel('Holder name').fill('Acme Holding A.Ş.')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  await expect(rows.nth(1)).toContainText('Acme Holding A.Ş.')

  await rows.nth(1).getByRole('button', { name: `Deactivate ${first}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click()
  await expect(page.getByRole('status')).toContainText('Bank account deactivated.')
  await expect(rows.nth(1)).toContainText('No')
  await snap(page, 'bank-accounts')

  const accounts = await (await apiGet(request, `bank_accounts/?bank=${bank.pk}&ordering=sort_order`)).json()
  expect(accounts.results.map((account: { iban: string; is_active: boolean }) => [account.iban, account.is_active])).toEqual([
    [second, true],
    [first, false],
  ])

  await page.context().clearCookies()
  await signIn(page, VIEWER)
  await page.goto(`${BANKS}/${bank.pk}`)
  await expect(page.getByRole('region', { name: 'Bank accounts' }).getByRole('row').filter({ hasText: second })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add bank account' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0)
})
