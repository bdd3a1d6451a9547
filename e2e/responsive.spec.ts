import { apiCreate, apiCreateCard, expect, signIn, snap, test, uid } from './fixtures'

const BANKS = '/sales-channels/payment-management/banks'

for (const [label, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 820, height: 1180 }],
  ['small laptop', { width: 1024, height: 768 }],
  ['desktop', { width: 1440, height: 900 }],
] as const) {
  test(`console pages fit a ${label} without sideways scrolling`, async ({ page, request }) => {
    // A card with a per-currency POS: the widest form of the console.
    const { bank, card } = await apiCreateCard(request, `Wide ${uid()}`, ({ pos }) => ({
      currency_pos: [{ currency: 'USD', cash_payment: pos.pk, installment_payment: pos.pk, three_d_payment: pos.pk }],
    }))
    await page.setViewportSize(viewport)
    await signIn(page)
    const CARDS = '/sales-channels/payment-management/cards'
    for (const path of [BANKS, `${BANKS}/${bank.pk}`, `${BANKS}/new`, CARDS, `${CARDS}/${card.pk}`, '/sales-channels/payment-management/pos', '/api-tokens', '/audit-log']) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0)
    }
    // Screenshots of the settled pages (not of a loading skeleton), which must not scroll sideways either.
    await page.goto(BANKS)
    await expect(page.getByRole('table', { name: 'Banks' })).toBeVisible()
    await snap(page, `banks-list-${viewport.width}`)
    await page.goto(`${BANKS}/${bank.pk}`)
    await expect(page.getByRole('table', { name: 'Bank accounts' })).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'the bank page scrolls sideways').toBeLessThanOrEqual(0)
    await snap(page, `banks-edit-${viewport.width}`)
    await page.goto(`${CARDS}/${card.pk}`)
    await expect(page.getByRole('group', { name: 'Currency POS' })).toBeVisible()
    await snap(page, `cards-detail-${viewport.width}`)
  })
}

test('the list and form work from the keyboard', async ({ page, request }) => {
  await apiCreate(request, 'banks', { name: `Keys ${uid()}`, slug: `keys-${uid()}`, channel: 1 })
  await signIn(page)
  await page.goto(`${BANKS}/new`)
  // Keys go to the page once it is interactive: its submit button is enabled from hydration on (the fields
  // take input earlier; a focus made before hydration ended was lost once in CI, under load).
  await expect(page.getByRole('button', { name: 'Create bank' })).toBeEnabled()
  await page.getByLabel('Name').focus()
  await page.keyboard.type(`Keyboard ${uid()}`)
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Slug')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/banks\/\d+$/)
  await expect(page.getByRole('status')).toContainText('saved')
})
