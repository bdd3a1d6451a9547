import type { Locator, Page, Route } from '@playwright/test'
import { ADMIN, apiCreate, apiCreateCard, apiGet, expect, signIn, test, turkishIban, uid } from './fixtures'

/**
 * Nothing a user types is lost to hydration, a re-render or a remount. Each form is opened and typed
 * into at once: server-rendered pages with their JavaScript held back, so the typing certainly comes
 * before React hydrates them; client-opened forms (a link, a dialog) with no wait at all. Then the
 * page settles, the text must still be there, and saving must store it.
 */

const PM = '/sales-channels/payment-management'
/** Long enough for hydration and any late re-render to have happened. */
const SETTLE_MS = 1500

/** Holds the page's JavaScript chunks until `release()`: until then React cannot hydrate the page. */
async function holdScripts(page: Page) {
  const held: Route[] = []
  let holding = true
  const pattern = /\/_next\/static\/chunks\/.+\.js(\?|$)/
  await page.route(pattern, (route) => (holding ? void held.push(route) : route.continue()))
  return async () => {
    holding = false
    await Promise.all(held.splice(0).map((route) => route.continue()))
    await page.unroute(pattern)
  }
}

/**
 * Opens `path` with its scripts held, lets `type` act on the server-rendered page, then lets it hydrate.
 * `hydrated` is a control that waits for React (disabled until it runs), when the page has one.
 */
async function beforeHydration(page: Page, path: string, type: () => Promise<void>, hydrated?: Locator) {
  const release = await holdScripts(page)
  await page.goto(path, { waitUntil: 'commit' })
  await type()
  if (hydrated) await expect(hydrated).toBeDisabled()
  await release()
  if (hydrated) await expect(hydrated).toBeEnabled()
  else await page.waitForLoadState('networkidle')
  await page.waitForTimeout(SETTLE_MS)
}

const form = (page: Page) => page.locator('form.resource-form')

test.describe('typing at once', () => {
  test('sign-in fields typed before hydration are kept and sign in', async ({ page }) => {
    const release = await holdScripts(page)
    await page.goto('/login', { waitUntil: 'commit' })
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await release()
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(SETTLE_MS)
    await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email)
    await expect(page.getByLabel('Password')).toHaveValue(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/sales-channels\/payment-management\/pos/)
  })

  test('"New bank" clicked on the list and typed into at once keeps the name and saves', async ({ page }) => {
    const name = `Quick bank ${uid()}`
    await signIn(page)
    await page.goto(`${PM}/banks`)
    await page.getByRole('link', { name: 'New bank' }).click()
    // No wait for the form to be interactive: type the moment the field is there.
    await form(page).getByLabel('Name', { exact: true }).pressSequentially(name)
    await page.waitForTimeout(SETTLE_MS)
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(name)
    await page.getByRole('button', { name: 'Create bank' }).click()
    await expect(page.getByRole('status')).toContainText(`Bank “${name}” saved.`)
    await expect(page).toHaveURL(/\/banks\/\d+$/)
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(name)
  })

  test('a new bank typed before hydration keeps its name and slug and saves', async ({ page }) => {
    const tag = uid()
    await signIn(page)
    await beforeHydration(
      page,
      `${PM}/banks/new`,
      async () => {
        await form(page).getByLabel('Name', { exact: true }).fill(`Early bank ${tag}`)
        await form(page).getByLabel('Slug').fill(`early-${tag}`)
      },
      page.getByRole('button', { name: 'Create bank' }),
    )
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Early bank ${tag}`)
    await expect(form(page).getByLabel('Slug')).toHaveValue(`early-${tag}`)
    await page.getByRole('button', { name: 'Create bank' }).click()
    await expect(page.getByRole('status')).toContainText(`Bank “Early bank ${tag}” saved.`)
    await expect(page).toHaveURL(/\/banks\/\d+$/)
    const pk = Number(page.url().match(/\/banks\/(\d+)$/)![1])
    expect((await (await apiGet(page.request, `banks/${pk}/`)).json()).slug).toBe(`early-${tag}`)
  })

  test('an edit form shows the record before hydration and keeps a change made then', async ({ page, request }) => {
    const tag = uid()
    const bank = await apiCreate(request, 'banks', { name: `Edit bank ${tag}`, slug: `edit-${tag}`, channel: 1 })
    await signIn(page)
    await beforeHydration(
      page,
      `${PM}/banks/${bank.pk}`,
      async () => {
        // The server's page already shows the stored values (nothing jumps in at hydration).
        await expect(form(page).getByLabel('Slug')).toHaveValue(`edit-${tag}`)
        await form(page).getByLabel('Name', { exact: true }).fill(`Renamed bank ${tag}`)
      },
      page.getByRole('button', { name: 'Save changes' }),
    )
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Renamed bank ${tag}`)
    await expect(form(page).getByLabel('Slug')).toHaveValue(`edit-${tag}`)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByRole('status')).toContainText(`Bank “Renamed bank ${tag}” saved.`)
    expect((await (await apiGet(request, `banks/${bank.pk}/`)).json()).name).toBe(`Renamed bank ${tag}`)
  })

  test('a POS typed and its gateway chosen before hydration keeps both and saves', async ({ page }) => {
    const tag = uid()
    await signIn(page)
    await beforeHydration(
      page,
      `${PM}/pos/new`,
      async () => {
        await form(page).getByLabel('Name', { exact: true }).fill(`Early POS ${tag}`)
        await form(page).getByLabel('Gateway').selectOption({ label: 'Dummypay' })
        await form(page).getByLabel('Resource url', { exact: true }).fill('https://example.com/pay')
      },
      page.getByRole('button', { name: 'Create POS integration' }),
    )
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Early POS ${tag}`)
    // The gateway chosen early is the form's: its settings are shown.
    await expect(page.getByRole('group', { name: 'Dummypay settings' })).toBeVisible()
    await expect(form(page).getByLabel('Resource url', { exact: true })).toHaveValue('https://example.com/pay')
    await page.getByRole('button', { name: 'Create POS integration' }).click()
    await expect(page.getByRole('status')).toContainText(`POS integration “Early POS ${tag}” saved.`)
  })

  test('card types, cards and payment options typed before hydration keep their text and save', async ({ page, request }) => {
    const tag = uid()
    const { bank, cardType, pos } = await apiCreateCard(request, `Typing ${tag}`)
    await signIn(page)

    await beforeHydration(page, `${PM}/card-types/new`, () => form(page).getByLabel('Name', { exact: true }).fill(`Early type ${tag}`), page.getByRole('button', { name: 'Create card type' }))
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Early type ${tag}`)
    await page.getByRole('button', { name: 'Create card type' }).click()
    await expect(page.getByRole('status')).toContainText(`Card type “Early type ${tag}” saved.`)

    await beforeHydration(
      page,
      `${PM}/cards/new`,
      async () => {
        await form(page).getByLabel('Name', { exact: true }).fill(`Early card ${tag}`)
        await form(page).getByLabel('Bank').selectOption(String(bank.pk))
        await form(page).getByLabel('Card type').selectOption(String(cardType.pk))
        // apiCreateCard made a credit card of this bank and type already.
        await form(page).getByLabel('Payment type').selectOption('debit')
        await form(page).getByLabel('Single Payment POS').selectOption(String(pos.pk))
        await form(page).getByLabel('Installments POS').selectOption(String(pos.pk))
      },
      page.getByRole('button', { name: 'Create card' }),
    )
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Early card ${tag}`)
    await expect(form(page).getByLabel('Bank')).toHaveValue(String(bank.pk))
    await page.getByRole('button', { name: 'Create card' }).click()
    await expect(page.getByRole('status')).toContainText(`Card “Early card ${tag}” saved.`)

    await beforeHydration(
      page,
      `${PM}/payment-options/new`,
      async () => {
        await form(page).getByLabel('Name', { exact: true }).fill(`Early option ${tag}`)
        await form(page).getByLabel('Payment type').selectOption({ label: 'Pay On Delivery' })
      },
      page.getByRole('button', { name: 'Create payment option' }),
    )
    await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(`Early option ${tag}`)
    await page.getByRole('button', { name: 'Create payment option' }).click()
    await expect(page.getByRole('status')).toContainText(`Payment option “Early option ${tag}” saved.`)
  })

  test('dialog forms (a bank account, an API token) typed into the moment they open keep their text and save', async ({ page, request }) => {
    const tag = uid()
    const bank = await apiCreate(request, 'banks', { name: `Dialog bank ${tag}`, slug: `dialog-${tag}`, channel: 1 })
    await signIn(page)
    await page.goto(`${PM}/banks/${bank.pk}`)
    await page.getByRole('button', { name: 'Add bank account' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add bank account' })
    await dialog.getByLabel('Holder name').pressSequentially(`Holder ${tag}`)
    await page.waitForTimeout(SETTLE_MS)
    await expect(dialog.getByLabel('Holder name')).toHaveValue(`Holder ${tag}`)
    await dialog.getByLabel('Slug').fill(`account-${tag}`)
    await dialog.getByLabel('IBAN').fill(turkishIban(`0003${String(Date.now()).slice(-12).padStart(18, '0')}`))
    await dialog.getByRole('button', { name: 'Create bank account' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('table', { name: 'Bank accounts' })).toContainText(`Holder ${tag}`)

    await page.goto('/api-tokens')
    await page.getByRole('button', { name: 'New token' }).click()
    await page.getByRole('dialog').getByLabel('Name').pressSequentially(`Token ${tag}`)
    await page.waitForTimeout(SETTLE_MS)
    await expect(page.getByRole('dialog').getByLabel('Name')).toHaveValue(`Token ${tag}`)
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click()
    await expect(page.getByRole('dialog').getByLabel('New API key')).toBeVisible()
  })

  test('list and audit-log filters typed or chosen before hydration are applied once the page is interactive', async ({ page, request }) => {
    const tag = uid()
    const bank = await apiCreate(request, 'banks', { name: `Filter bank ${tag}`, slug: `filter-${tag}`, channel: 1 })
    await signIn(page)
    await beforeHydration(page, `${PM}/banks`, () => page.getByRole('search').getByLabel('Name').fill(`Filter bank ${tag}`), page.getByRole('button', { name: 'Columns' }))
    await expect(page).toHaveURL(new RegExp(`name__icontains=Filter\\+bank\\+${tag}`))
    await expect(page.getByRole('search').getByLabel('Name')).toHaveValue(`Filter bank ${tag}`)
    await expect(page.getByRole('table', { name: 'Banks' }).getByRole('row')).toHaveCount(2)

    await beforeHydration(
      page,
      '/audit-log',
      async () => {
        await page.getByLabel('Resource').selectOption('banks')
        await page.getByLabel('Record ID').fill(String(bank.pk))
      },
      page.getByRole('button', { name: 'Columns' }),
    )
    await expect(page).toHaveURL(new RegExp(`record_id=${bank.pk}`))
    await expect(page).toHaveURL(/resource=banks/)
    await expect(page.getByLabel('Record ID')).toHaveValue(String(bank.pk))
    await expect(page.getByRole('table', { name: 'Audit log entries' }).locator('tbody > tr')).toHaveCount(1)
  })

  test('a page size and a filter chosen while a slow CPU hydrates the list are applied', async ({ page, request }) => {
    // Not before hydration but during it: the choice's input event makes React hydrate the select at
    // once, and the change event right behind it once read the old value back and undid the choice.
    const tag = uid()
    // The audit log offers the resources it holds entries for: one bank's creation is enough.
    await apiCreate(request, 'banks', { name: `Slow CPU bank ${tag}`, slug: `slow-${tag}`, channel: 1 })
    await signIn(page)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 })
    for (const delay of [0, 100, 250]) {
      await page.goto(`${PM}/banks?ordering=-name`, { waitUntil: 'commit' })
      await page.getByLabel('Rows per page').waitFor()
      await page.waitForTimeout(delay)
      await page.getByLabel('Rows per page').selectOption('50')
      await expect(page, `rows per page chosen ${delay} ms after the page arrived`).toHaveURL(/ordering=-name&limit=50|limit=50&ordering=-name/)
      await expect(page.getByLabel('Rows per page')).toHaveValue('50')
    }
    await page.goto('/audit-log', { waitUntil: 'commit' })
    await page.getByLabel('Resource').waitFor()
    await page.getByLabel('Resource').selectOption('banks')
    await expect(page).toHaveURL(/resource=banks/)
    await expect(page.getByLabel('Resource')).toHaveValue('banks')
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    // The choice shown while its page came was the select's own; once cleared, the URL's value shows again.
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(page).not.toHaveURL(/resource=/)
    await expect(page.getByLabel('Resource')).toHaveValue('')
  })

  test('files chosen before hydration (bank CSV, BIN numbers) are read and upload', async ({ page, request }) => {
    const tag = uid()
    await signIn(page)
    await beforeHydration(
      page,
      `${PM}/banks/import`,
      () => page.getByLabel('CSV file').setInputFiles({ name: 'banks.csv', mimeType: 'text/csv', buffer: Buffer.from(`name,slug\nCsv bank ${tag},csv-${tag}\n`) }),
    )
    await page.getByRole('button', { name: 'Import 1 bank' }).click()
    await expect(page.getByRole('table', { name: 'Import results' })).toContainText('Created')

    const { card } = await apiCreateCard(request, `Bins ${tag}`)
    // An 8-digit BIN outside the demo data's ranges, unique to this run.
    const bin = `19${String(Date.now()).slice(-6)}`
    await beforeHydration(
      page,
      `${PM}/cards/${card.pk}`,
      () => page.getByLabel('BIN numbers CSV file').setInputFiles({ name: 'bins.csv', mimeType: 'text/csv', buffer: Buffer.from(`${bin}\n`) }),
      page.getByRole('button', { name: 'Save changes' }),
    )
    await page.getByRole('button', { name: 'Upload BIN numbers' }).click()
    await expect(page.getByRole('table', { name: 'Import results' }).getByRole('row', { name: new RegExp(`${bin} created`) })).toBeVisible()
  })
})
