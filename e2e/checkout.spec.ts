import type { APIRequestContext, Page, TestInfo } from '@playwright/test'
import { CARDS, CVV, EXPIRY, HOLDER } from './checkout-cards'
import { E2E_TOKEN, expect, noAxeViolations, signIn, snap, test } from './fixtures'

// The demo checkout as a shopper pays and as finance checks and refunds (issue 12), in English. Runs on
// both engines (projects `pglite` and `postgres` in playwright.config.ts); after the PostgreSQL run a
// teardown dumps the database and reads the server log for the card data typed here.
const API = { Authorization: `Token ${E2E_TOKEN}` }
const PHONE = { width: 390, height: 844 }

/** An amount as the pages show it: 1374.02 → 1,374.02. */
const grouped = (amount: string) => amount.replace(/\B(?=(\d{3})+\.)/g, ',')

const shot = (page: Page, info: TestInfo, name: string) => snap(page, `checkout-${name}-${info.project.name}`)

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: 'shop_lang', value: 'en', url: baseURL! }])
})

/** Puts products in the basket from their pages, prepares the order and opens the checkout. */
async function checkoutWith(page: Page, products: Record<string, number>) {
  for (const [name, quantity] of Object.entries(products)) {
    await page.goto('/storefront')
    await page.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await page.getByLabel('Quantity').fill(String(quantity))
    await page.getByRole('button', { name: 'Add to basket' }).click()
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Added to the basket.')
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Basket' }).click()
  await page.getByRole('button', { name: 'Prepare the order' }).click()
  await page.getByRole('link', { name: 'Go to payment' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
}

async function typeCard(page: Page, number: string) {
  await page.getByLabel('Card number').fill(number)
  await page.getByLabel('Name on the card').fill(HOLDER)
  await page.getByLabel('Month').fill(EXPIRY.month)
  await page.getByLabel('Year').fill(EXPIRY.year)
  await page.getByLabel('Security code (CVV)').fill(CVV)
}

/** Picks a plan once the BIN's plans are shown; answers its total as the page shows it ("710.02"). */
async function choosePlan(page: Page, count: number): Promise<string> {
  const plans = page.getByRole('group', { name: 'Installment options' })
  const name = count === 1 ? /^Single payment/ : new RegExp(`^${count} installments`)
  await plans.getByRole('radio', { name }).check()
  const label = plans.locator('label').filter({ has: page.getByRole('radio', { name }) })
  const total = /([\d,]+\.\d{2})\s*$/.exec((await label.textContent()) ?? '')![1].replace(/,/g, '')
  await expect(page.getByRole('button', { name: /^Pay / })).toContainText(grouped(total))
  return total
}

/** Successful ledger payments of exactly this amount (the spec compares before and after a payment). */
async function ledgerPayments(request: APIRequestContext, amount: string, status = 'success'): Promise<{ payment_id: string; amount: number }[]> {
  const response = await request.get(`/api/payments?status=${status}&amount_gte=${amount}&amount_lte=${amount}`, { headers: API })
  expect(response.status()).toBe(200)
  return response.json()
}

async function approveThreeD(page: Page, code: string) {
  await expect(page.getByRole('heading', { level: 1, name: '3-D Secure verification' })).toBeVisible()
  await page.getByLabel('Verification code').fill(code)
  await page.getByRole('button', { name: 'Approve' }).click()
}

/** The result page's order number. */
async function paidOrderNumber(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Payment received' })).toBeVisible()
  return (await page.getByText(/^WEB-\d{6}$/).textContent())!
}

async function openConsoleOrder(page: Page, number: string) {
  await signIn(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Order Payments' }).click()
  await page.getByLabel('Order number or customer').fill(number)
  await expect(page).toHaveURL(new RegExp(`search=${number}`))
  await page.getByRole('table', { name: 'Orders' }).getByRole('link', { name: number }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible()
}

test('two products in 6 installments through 3-D Secure: the ledger and the order hold the plan’s total', async ({ page, request }, info) => {
  await checkoutWith(page, { 'Brass Desk Lamp': 1, 'Ceramic Mug': 1 })
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('649.90')
  await noAxeViolations(page)
  await typeCard(page, CARDS.visa3d)
  // The card number is grouped as typed; the BIN names the card and its plans.
  await expect(page.getByLabel('Card number')).toHaveValue(CARDS.visa3d)
  await expect(page.getByRole('img', { name: 'Halkbank' })).toBeVisible()
  const total = await choosePlan(page, 6)
  // 649.90 × (1 + 9.25 %) = 710.01575, rounded half up: the plan the card endpoint computed.
  expect(total).toBe('710.02')
  await expect(page.getByText('Installment interest')).toBeVisible()
  await noAxeViolations(page)
  await shot(page, info, 'form-desktop')
  const before = (await ledgerPayments(request, total)).length

  await page.getByRole('button', { name: /^Pay / }).click()
  await expect(page).toHaveURL(/\/storefront\/3d-secure\//)
  await expect(page.getByText('411111******1111')).toBeVisible()
  await expect(page.getByRole('main')).toContainText('710.02')
  await noAxeViolations(page)
  await shot(page, info, '3d-desktop')
  await approveThreeD(page, '123456')

  const number = await paidOrderNumber(page)
  await expect(page.getByRole('main')).toContainText('710.02')
  await expect(page.getByRole('main')).toContainText('6 installments')
  await expect(page.getByRole('main')).toContainText(/Installment interest\s*TRY\s60\.12/)
  await expect(page.getByRole('main')).toContainText('411111******1111')
  await noAxeViolations(page)
  await shot(page, info, 'result-desktop')

  // The ledger: one more success of exactly the plan's total, masked, no CVV.
  const after = await ledgerPayments(request, total)
  expect(after).toHaveLength(before + 1)

  // The order in the console: total, receipt and plan agree to the kuruş, paid (not overpaid).
  await openConsoleOrder(page, number)
  const amounts = page.getByRole('region', { name: 'Amounts' })
  await expect(amounts).toContainText(`Total${total} TRY`)
  await expect(amounts).toContainText(`Paid${total}`)
  await expect(amounts).toContainText(/Payment status\s*Paid$/)
  const receipt = page.getByRole('table', { name: `Payments of order ${number}` }).locator('tbody > tr').first()
  await expect(receipt).toContainText(`Receipt`)
  await expect(receipt).toContainText(total)
  await expect(receipt).toContainText('6 installments')
  await expect(receipt).toContainText('interest 60.12')
  await noAxeViolations(page)
  await shot(page, info, 'console-order')

  // The receipt's ledger payment, in Transactions: the same amount, the masked card.
  await receipt.getByRole('link', { name: /…$/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Payment of ${total}` })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('411111******1111')
  const paymentId = new URL(page.url()).pathname.split('/').pop()!
  expect(after.map((payment) => payment.payment_id)).toContain(paymentId)
  const ledger = await (await request.get(`/api/payments/${paymentId}`, { headers: API })).json()
  expect(ledger).toMatchObject({ amount: 710.02, status: 'success' })
  expect(ledger.additional_params.number).toBe('411111******1111')
  expect(ledger.additional_params).not.toHaveProperty('cvv')
})

test.describe('at phone width', () => {
  test.use({ viewport: PHONE })

  test('a wrong 3-D Secure code pays nothing and leaves the order payable again', async ({ page, request }, info) => {
    await checkoutWith(page, { 'Kilim Rug': 1 })
    await typeCard(page, CARDS.visa3d)
    const total = await choosePlan(page, 3)
    await noAxeViolations(page)
    await shot(page, info, 'form-phone')
    const before = (await ledgerPayments(request, total)).length
    const declinedBefore = (await ledgerPayments(request, total, 'error')).length

    await page.getByRole('button', { name: /^Pay / }).click()
    await expect(page.getByRole('heading', { level: 1, name: '3-D Secure verification' })).toBeVisible()
    await noAxeViolations(page)
    await shot(page, info, '3d-phone')
    await approveThreeD(page, '000000')

    await expect(page).toHaveURL(/\/storefront\/checkout\?declined=three_d_failed/)
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('3-D Secure verification failed. No money was taken; you can try again.')
    await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('Kilim Rug')
    await noAxeViolations(page)
    await shot(page, info, 'declined-3d-phone')
    expect(await ledgerPayments(request, total)).toHaveLength(before)
    expect(await ledgerPayments(request, total, 'error')).toHaveLength(declinedBefore + 1)

    // Payable again: the same pre-order pays with the right code, once.
    await typeCard(page, CARDS.visa3d)
    await choosePlan(page, 3)
    await page.getByRole('button', { name: /^Pay / }).click()
    await approveThreeD(page, '123456')
    await paidOrderNumber(page)
    await expect(page.getByRole('main')).toContainText('3 installments')
    await noAxeViolations(page)
    await shot(page, info, 'result-phone')
    expect(await ledgerPayments(request, total)).toHaveLength(before + 1)
  })
})

test('a declined card: the shopper is told why in plain words, nothing is charged, the basket stays', async ({ page, request }) => {
  await checkoutWith(page, { 'Linen Tote Bag': 2 })
  await typeCard(page, CARDS.declined)
  await expect(page.getByText('This card pays in one instalment.')).toBeVisible()
  const total = await choosePlan(page, 1)
  // 2 × 249.00 and 29.90 shipping (under the free-shipping threshold).
  expect(total).toBe('527.90')
  const before = (await ledgerPayments(request, total)).length

  await page.getByRole('button', { name: /^Pay / }).click()
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Your bank declined the card. No money was taken; you can try another card.')
  await expect(page.getByRole('button', { name: /^Pay / })).toBeEnabled()
  expect(await ledgerPayments(request, total)).toHaveLength(before)

  await page.getByRole('navigation').getByRole('link', { name: 'Basket' }).click()
  await expect(page.getByRole('row', { name: /Linen Tote Bag/ })).toContainText('498.00')
})

test('a double click on Pay charges once', async ({ page, request }) => {
  await checkoutWith(page, { 'Oak Chair': 1 })
  await typeCard(page, CARDS.mastercard)
  const total = await choosePlan(page, 3)
  const before = (await ledgerPayments(request, total)).length
  const posts: string[] = []
  page.on('request', (sent) => {
    if (sent.method() === 'POST' && new URL(sent.url()).pathname === '/storefront/checkout/pay') posts.push(sent.headers()['idempotency-key'] ?? '')
  })

  await page.getByRole('button', { name: /^Pay / }).dblclick()
  const number = await paidOrderNumber(page)
  // However many requests the clicks sent, they carried one attempt key and left one charge.
  expect(new Set(posts).size).toBe(1)
  expect(await ledgerPayments(request, total)).toHaveLength(before + 1)

  await openConsoleOrder(page, number)
  await expect(page.getByRole('table', { name: `Payments of order ${number}` }).locator('tbody > tr')).toHaveCount(1)
  await expect(page.getByRole('region', { name: 'Amounts' })).toContainText(/Payment status\s*Paid$/)
})

test('a card saved with an SMS code after paying, then paid with', async ({ page }) => {
  page.on('dialog', (dialog) => dialog.accept())
  await page.goto('/storefront/sign-in')
  await page.getByLabel('Email').fill('shopper@example.com')
  await page.getByLabel('Password').fill('shopper-password')
  await page.getByRole('button', { name: 'Sign in' }).last().click()
  await expect(page).toHaveURL(/\/storefront\/my-cards/)

  await checkoutWith(page, { 'Copper Teapot': 1 })
  await typeCard(page, CARDS.mastercard)
  await choosePlan(page, 1)
  await page.getByLabel('Save this card (verified by SMS after the payment)').check()
  await page.getByLabel('Card name').fill('E2E Mastercard')
  await page.getByRole('button', { name: /^Pay / }).click()
  await paidOrderNumber(page)

  const save = page.getByRole('region', { name: 'Save the card' })
  await expect(save.getByLabel('Mobile phone')).toHaveValue('5551234567')
  await save.getByRole('button', { name: 'Send code' }).click()
  const hint = save.getByText(/\b\d{6}\b/)
  await expect(hint).toBeVisible()
  const code = /\b(\d{6})\b/.exec((await hint.textContent()) ?? '')![1]
  await save.getByLabel('Code from the SMS').fill(code)
  await save.getByRole('button', { name: 'Verify and save' }).click()
  await expect(save.getByRole('status')).toHaveText('Card saved.')
  await noAxeViolations(page)

  // The next basket pays with the saved card, in installments of the card its BIN names.
  await checkoutWith(page, { 'Bluetooth Speaker': 1 })
  await page.getByRole('radio', { name: 'My saved card' }).check()
  await page.getByRole('radio', { name: /E2E Mastercard 555555\*{6}4444/ }).check()
  await expect(page.getByLabel('Card number')).toHaveCount(0)
  const total = await choosePlan(page, 6)
  await noAxeViolations(page)
  await page.getByRole('button', { name: /^Pay / }).click()
  await paidOrderNumber(page)
  await expect(page.getByRole('main')).toContainText(grouped(total))
  await expect(page.getByRole('main')).toContainText('555555******4444')

  // Leave the shopper's cards as they were.
  await page.goto('/storefront/my-cards')
  const saved = page.getByRole('list', { name: 'My cards' }).getByRole('listitem').filter({ hasText: 'E2E Mastercard' })
  await saved.getByRole('button', { name: /Delete card/ }).click()
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Card deleted.')
})

test('finance refunds part of a paid order from the console; the order becomes partially refunded', async ({ page, request }) => {
  await checkoutWith(page, { 'Ceramic Mug': 1 })
  await typeCard(page, CARDS.mastercard)
  const total = await choosePlan(page, 1)
  expect(total).toBe('179.80')
  await page.getByRole('button', { name: /^Pay / }).click()
  const number = await paidOrderNumber(page)

  await openConsoleOrder(page, number)
  const payments = page.getByRole('table', { name: `Payments of order ${number}` })
  const paymentId = (await payments.getByRole('link', { name: /…$/ }).getAttribute('href'))!.split('/').pop()!
  await page.getByRole('button', { name: `Refund receipt of ${total}` }).click()
  const dialog = page.getByRole('dialog', { name: `Refund the receipt of ${total}?` })
  await expect(dialog.getByLabel('Refund amount')).toHaveValue(total)
  await dialog.getByLabel('Refund amount').fill('50.05')
  await dialog.getByRole('button', { name: 'Refund' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('region', { name: 'Amounts' })).toContainText(/Payment status\s*Partially refunded$/)
  await expect(payments.locator('tbody > tr')).toHaveCount(2)
  await expect(payments.locator('tbody > tr').nth(1)).toContainText('Refund')
  await expect(payments.locator('tbody > tr').nth(1)).toContainText('50.05')

  // The one refund service wrote the ledger refund of the receipt's payment.
  const refunds = await (await request.get(`/api/refunds?payment_id=${paymentId}`, { headers: API })).json()
  expect(refunds).toEqual([{ refund_id: expect.any(String), payment_id: paymentId, amount: 50.05 }])
})
