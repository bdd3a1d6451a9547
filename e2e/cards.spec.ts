import { VIEWER, apiCreate, apiGet, expect, signIn, snap, test, uid } from './fixtures'

const CARDS = '/sales-channels/payment-management/cards'

test('card settings: filter, create a card, manage its BIN numbers and edit its term commission rates inline', async ({ page, request }) => {
  const tag = uid()
  const bank = await apiCreate(request, 'banks', { name: `Garanti ${tag}`, slug: `garanti-${tag}`, channel: 1 })
  const otherBank = await apiCreate(request, 'banks', { name: `Akbank ${tag}`, slug: `akbank-${tag}`, channel: 1 })
  const cardType = await apiCreate(request, 'card_types', { name: `Bonus ${tag}`, slug: `bonus-${tag}`, channel: 1 })
  const pos = await apiCreate(request, 'pos', {
    name: `Dummy ${tag}`,
    slug: `dummy-${tag}`,
    gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
    config: {},
    resource_url: 'https://example.com/pay',
    channel: 1,
  })
  await apiCreate(request, 'cards', {
    name: `Axess ${tag}`,
    slug: `axess-${tag}`,
    bank: otherBank.pk,
    card_type: cardType.pk,
    card_payment_type: 'credit',
    cash_payment: pos.pk,
    installment_payment: pos.pk,
    channel: 1,
  })

  await signIn(page)
  await page.goto(CARDS)
  await expect(page.getByRole('heading', { level: 1, name: 'Card Settings' })).toBeVisible()
  // Filtering once the table is interactive (choices made before hydration: typing.spec.ts).
  await expect(page.getByRole('button', { name: 'Columns' })).toBeEnabled()
  await page.getByLabel('Bank').selectOption({ label: `Akbank ${tag}` })
  await expect(page).toHaveURL(new RegExp(`bank=${otherBank.pk}`))
  const table = page.getByRole('table', { name: 'Card Settings' })
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByRole('row').nth(1)).toContainText(`Akbank ${tag}`)
  await expect(table.getByRole('row').nth(1)).toContainText(`Bonus ${tag}`)
  await expect(table.getByRole('row').nth(1)).toContainText(`Dummy ${tag}`)
  await page.getByLabel('Name').fill(`axess ${tag}`.toUpperCase())
  await page.getByLabel('Name').press('Enter')
  await expect(page).toHaveURL(/name__icontains=AXESS/)
  await expect(table.getByRole('row')).toHaveCount(2)
  await page.getByLabel('Name').fill('no such card')
  await page.getByLabel('Name').press('Enter')
  await expect(page.getByRole('heading', { name: /match these filters/ })).toBeVisible()

  await page.getByRole('link', { name: 'New card' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New card' })).toBeVisible()
  await page.getByLabel('Name').fill(`Bonus Platinum ${tag}`)
  await page.getByLabel('Bank').selectOption({ label: `Garanti ${tag}` })
  await page.getByLabel('Card type').selectOption({ label: `Bonus ${tag}` })
  await page.getByLabel('Payment type').selectOption('credit')
  await page.getByLabel('Single Payment POS').selectOption({ label: `Dummy ${tag}` })
  await page.getByLabel('Installments POS').selectOption({ label: `Dummy ${tag}` })
  await snap(page, 'cards-new')
  await page.getByRole('button', { name: 'Create card' }).click()
  await expect(page).toHaveURL(/\/cards\/\d+$/)
  const cardId = Number(page.url().split('/').pop())

  // A POS of its own for payments in US dollars.
  const perCurrency = page.getByRole('group', { name: 'Currency POS' })
  await perCurrency.getByRole('button', { name: 'Add currency' }).click()
  await perCurrency.getByLabel('Currency 1', { exact: true }).fill('usd')
  await perCurrency.getByLabel('Single Payment POS for USD').selectOption({ label: `Dummy ${tag}` })
  await expect(perCurrency.getByRole('button', { name: 'Remove USD' })).toBeVisible()
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(perCurrency.getByText('Item 1: installment_payment: This field is required.')).toBeVisible()
  await perCurrency.getByLabel('Installments POS for USD').selectOption({ label: `Dummy ${tag}` })
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect
    .poll(async () => (await (await apiGet(request, `cards/${cardId}/`)).json()).currency_pos)
    .toEqual([{ currency: 'USD', cash_payment: pos.pk, installment_payment: pos.pk, three_d_payment: null }])
  await page.reload()
  await expect(page.getByRole('group', { name: 'Currency POS' }).getByLabel('Installments POS for USD')).toHaveValue(String(pos.pk))

  // BIN numbers of the card.
  const bins = page.getByRole('region', { name: 'BIN numbers' })
  for (const bin of ['12345', '540061', '54006199']) {
    await bins.getByRole('button', { name: 'Add BIN number' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add BIN number' })
    await dialog.getByLabel('Bin number').fill(bin)
    await dialog.getByRole('button', { name: 'Create BIN number' }).click()
    if (bin === '12345') {
      await expect(dialog.locator('#dialog-field-bin_number-error')).toHaveText('Ensure this value is a BIN number of 6 or 8 digits.')
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      continue
    }
    await expect(dialog).toBeHidden()
  }
  const binTable = bins.getByRole('table', { name: 'BIN numbers' })
  await expect(binTable.locator('tbody > tr')).toHaveCount(2)
  await bins.getByLabel('Digits').selectOption('8')
  await expect(page).toHaveURL(/bins\.bin_number_length=8/)
  await expect(binTable.locator('tbody > tr')).toHaveCount(1)
  await expect(binTable).toContainText('54006199')
  await bins.getByLabel('Digits').selectOption('')
  await expect(binTable.locator('tbody > tr')).toHaveCount(2)
  await bins.getByRole('checkbox', { name: 'Select all rows on this page' }).check()
  await bins.getByRole('group', { name: 'Selected rows' }).getByRole('button', { name: 'Deactivate selected' }).click()
  await expect(page.getByRole('status')).toContainText('2 BIN numbers deactivated.')
  await expect(binTable.locator('tbody > tr').filter({ hasText: 'Yes' })).toHaveCount(0)
  const sixDigits = bins.getByRole('checkbox', { name: 'Select 540061', exact: true })
  await sixDigits.check()
  await bins.getByRole('group', { name: 'Selected rows' }).getByRole('button', { name: 'Activate selected', exact: true }).click()
  await expect(binTable.locator('tbody > tr').filter({ has: page.getByRole('checkbox', { name: 'Select 540061', exact: true }) })).toContainText('Yes')
  await expect(binTable.locator('tbody > tr').filter({ hasText: '54006199' })).toContainText('No')

  // Term commission rates, edited in place.
  const rates = page.getByRole('region', { name: 'Term commission rates' })
  await rates.getByRole('button', { name: 'Add installment' }).click()
  const add = page.getByRole('dialog', { name: 'Add installment' })
  await add.getByLabel('Installment count').fill('3')
  await add.getByLabel('Label').fill('3 Taksit')
  await add.getByLabel('Interest rate').fill('1.5')
  await add.getByRole('group', { name: 'Translations' }).getByRole('button', { name: 'Add language' }).click()
  await add.getByLabel('Label in Turkish').fill('3 Taksit')
  await add.getByRole('group', { name: 'Translations' }).getByRole('button', { name: 'Add language' }).click()
  await add.getByLabel('Label in English').fill('3 Installments')
  await add.getByRole('button', { name: 'Create installment' }).click()
  await expect(add).toBeHidden()
  await rates.getByRole('button', { name: 'Add installment' }).click()
  await add.getByLabel('Installment count').fill('3')
  await add.getByLabel('Label').fill('Again')
  await add.getByRole('button', { name: 'Create installment' }).click()
  await expect(add.locator('#dialog-field-installment_count-error')).toHaveText('Installment: 3 already exists.')
  await add.getByRole('button', { name: 'Cancel' }).click()

  const rate = rates.getByLabel('Interest rate of 3')
  await expect(rate).toHaveValue('1.500000')
  await rate.fill('abc')
  await rates.getByRole('button', { name: 'Save 3' }).click()
  await expect(rates.getByText('A valid number is required.')).toBeVisible()
  await rate.fill('2.25')
  await rates.getByLabel('Label of 3').fill('3 Taksit (kampanya)')
  await rates.getByRole('checkbox', { name: 'Is active of 3' }).uncheck()
  await rates.getByRole('button', { name: 'Save 3' }).click()
  await expect(page.getByRole('status')).toContainText('Installment 3 saved.')
  await snap(page, 'cards-detail')
  const stored = await (await apiGet(request, `installments/?card=${cardId}`)).json()
  expect(stored.results[0]).toMatchObject({ installment_count: 3, label: '3 Taksit (kampanya)', interest_rate: '2.250000', is_active: false, translations: { tr: { label: '3 Taksit' }, en: { label: '3 Installments' } } })

  await page.context().clearCookies()
  await signIn(page, VIEWER)
  await page.goto(`${CARDS}/${cardId}`)
  await expect(page.getByRole('region', { name: 'BIN numbers' }).getByRole('table')).toContainText('540061')
  await expect(page.getByRole('button', { name: 'Add BIN number' })).toHaveCount(0)
  await expect(page.getByRole('checkbox', { name: 'Select all rows on this page' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Term commission rates' }).getByRole('textbox')).toHaveCount(0)
})

test('filters changed in quick succession all apply: each builds on the navigation still on its way', async ({ page, request }) => {
  const tag = uid()
  const [bankA, bankB] = await Promise.all(['Quick A', 'Quick B'].map((name, index) => apiCreate(request, 'banks', { name: `${name} ${tag}`, slug: `quick-${index}-${tag}`, channel: 1 })))
  const [typeX, typeY] = await Promise.all(['Type X', 'Type Y'].map((name, index) => apiCreate(request, 'card_types', { name: `${name} ${tag}`, slug: `type-${index}-${tag}`, channel: 1 })))
  const pos = await apiCreate(request, 'pos', { name: `Quick POS ${tag}`, slug: `quick-pos-${tag}`, gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway', config: {}, resource_url: 'https://example.com/pay', channel: 1 })
  const card = (name: string, bank: { pk: number }, cardType: { pk: number }) =>
    apiCreate(request, 'cards', { name: `${name} ${tag}`, slug: `${name.toLowerCase().replace(' ', '-')}-${tag}`, bank: bank.pk, card_type: cardType.pk, card_payment_type: 'credit', cash_payment: pos.pk, installment_payment: pos.pk, channel: 1 })
  await Promise.all([card('Race AX', bankA, typeX), card('Race AY', bankA, typeY), card('Race BX', bankB, typeX)])

  await signIn(page)
  await page.goto(CARDS)
  await expect(page.getByRole('button', { name: 'Columns' })).toBeEnabled()
  const filters = page.getByRole('search')
  const table = page.getByRole('table', { name: 'Card Settings' })
  // Typed (applied 400 ms later, from a render long gone), then two choices before any navigation lands.
  await filters.getByLabel('Name').fill(tag)
  await filters.getByLabel('Bank').selectOption({ label: `Quick A ${tag}` })
  await filters.getByLabel('Card type').selectOption({ label: `Type Y ${tag}` })
  await expect(page).toHaveURL(new RegExp(`bank=${bankA.pk}`))
  await expect(page).toHaveURL(new RegExp(`card_type=${typeY.pk}`))
  await expect(page).toHaveURL(new RegExp(`name__icontains=${tag}`))
  await expect(table.locator('tbody > tr')).toHaveCount(1)
  await expect(table.locator('tbody > tr')).toContainText(`Race AY ${tag}`)

  // Again while the first of two navigations may land before the second is asked for.
  await filters.getByLabel('Card type').selectOption({ label: `Type X ${tag}` })
  await filters.getByLabel('Bank').selectOption('')
  await expect(page).toHaveURL(new RegExp(`card_type=${typeX.pk}`))
  await expect(page).not.toHaveURL(/[?&]bank=/)
  await expect(page).toHaveURL(new RegExp(`name__icontains=${tag}`))
  await expect(table.locator('tbody > tr')).toHaveCount(2)
  await expect(table).toContainText(`Race AX ${tag}`)
  await expect(table).toContainText(`Race BX ${tag}`)
  await expect(filters.getByLabel('Bank')).toHaveValue('')
  await expect(filters.getByLabel('Card type')).toHaveValue(String(typeX.pk))
})
