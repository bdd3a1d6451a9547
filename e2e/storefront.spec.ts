import { expect, test } from '@playwright/test'
import { noAxeViolations, signIn, snap } from './fixtures'

// The demo storefront as a shopper walks it, at phone width in Turkish and at desktop width in English.
// Each width signs in as its own demo shopper (the OTP resend cooldown is per shopper).
const WIDTHS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, language: 'tr' as const, shopper: { email: 'shopper2@example.com', password: 'shopper2-password' } },
  { name: 'desktop', viewport: { width: 1280, height: 860 }, language: 'en' as const, shopper: { email: 'shopper@example.com', password: 'shopper-password' } },
]

const T = {
  tr: {
    products: 'Ürünler', basket: 'Sepet', cards: 'Kartlarım', signIn: 'Giriş yap', quantity: 'Adet', add: 'Sepete ekle', added: 'Sepete eklendi.',
    plans: 'Taksit seçenekleri', six: '6 Taksit', email: 'E-posta', password: 'Parola', addCard: 'Kart ekle', cardName: 'Kart adı',
    number: 'Kart numarası', holder: 'Kart sahibi', month: 'Son kullanma ayı', year: 'Son kullanma yılı', cvv: 'Güvenlik kodu (CVV)',
    next: 'Devam', phone: 'Cep telefonu', send: 'Kod gönder', otp: 'SMS ile gelen kod', verify: 'Doğrula ve kaydet', saved: 'Kart kaydedildi.',
    remove: 'kartını sil', deleted: 'Kart silindi.', noCards: 'Kayıtlı kartınız yok.', checkout: 'Siparişi hazırla', update: 'Güncelle',
    lamp: /546,25/, total: 'Sepet toplamı', masterpass: 'Masterpass', phonePrefill: '5327654321', upToSix: '6 taksite kadar', single: 'Tek çekim',
  },
  en: {
    products: 'Products', basket: 'Basket', cards: 'My cards', signIn: 'Sign in', quantity: 'Quantity', add: 'Add to basket', added: 'Added to the basket.',
    plans: 'Installment plans', six: '6 Installments', email: 'Email', password: 'Password', addCard: 'Add a card', cardName: 'Card name',
    number: 'Card number', holder: 'Cardholder', month: 'Expiry month', year: 'Expiry year', cvv: 'Security code (CVV)',
    next: 'Continue', phone: 'Mobile phone', send: 'Send code', otp: 'Code from the SMS', verify: 'Verify and save', saved: 'Card saved.',
    remove: 'Delete card', deleted: 'Card deleted.', noCards: 'You have no saved cards.', checkout: 'Prepare the order', update: 'Update',
    lamp: /546\.25/, total: 'Basket total', masterpass: 'Masterpass', phonePrefill: '5551234567', upToSix: 'up to 6 installments', single: 'single payment',
  },
}

for (const width of WIDTHS) {
  test.describe(`storefront at ${width.name} width (${width.language})`, () => {
    test.use({ viewport: width.viewport })

    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: 'shop_lang', value: width.language, url: baseURL! }])
    })

    test('product installments, basket and pre-order', async ({ page }) => {
      const t = T[width.language]
      await page.goto('/storefront')
      await expect(page.getByRole('heading', { level: 1, name: t.products })).toBeVisible()
      await noAxeViolations(page)
      await snap(page, `storefront-catalog-${width.name}`)

      await page.getByRole('link', { name: 'Brass Desk Lamp' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Brass Desk Lamp' })).toBeVisible()
      const plans = page.getByRole('region', { name: t.plans })
      // Paraf (BIN 411111): 500.00 × 1.0925 over 6 installments.
      const paraf = plans.getByRole('listitem').filter({ has: page.getByText('Paraf', { exact: true }) })
      await paraf.getByText('Paraf', { exact: true }).click()
      await expect(paraf.getByAltText('Halkbank')).toBeVisible()
      const six = paraf.getByRole('row', { name: new RegExp(t.six) })
      await expect(six).toContainText(t.lamp)
      await expect(paraf.getByRole('row')).toHaveCount(7)
      await expect(paraf.getByText(t.upToSix)).toBeVisible()
      // A debit card pays at once: it says so rather than "up to 1 installments".
      const debit = plans.getByRole('listitem').filter({ has: page.getByText('Paraf Debit', { exact: true }) })
      await expect(debit.getByText(t.single, { exact: true })).toBeVisible()
      await noAxeViolations(page)
      await snap(page, `storefront-product-${width.name}`)

      await page.getByLabel(t.quantity).fill('2')
      await page.getByRole('button', { name: t.add }).click()
      await expect(page.getByRole('main').getByRole('status')).toHaveText(t.added)
      await page.getByRole('navigation').getByRole('link', { name: t.basket }).click()
      const line = page.getByRole('row', { name: /Brass Desk Lamp/ })
      await expect(line).toContainText(/1[.,]000[.,]00/)
      await line.getByRole('spinbutton').fill('1')
      await line.getByRole('button', { name: t.update }).click()
      await expect(page.getByRole('row', { name: new RegExp(t.total) })).toContainText(/500[.,]00/)
      await page.getByRole('button', { name: t.checkout }).click()
      await expect(page.getByText(width.language === 'tr' ? 'Ücretsiz' : 'Free')).toBeVisible()
      await noAxeViolations(page)
      await snap(page, `storefront-basket-${width.name}`)
    })

    test('sign in, save a card with an OTP, delete it; Masterpass panel', async ({ page }) => {
      const t = T[width.language]
      page.on('dialog', (dialog) => dialog.accept())
      await page.goto('/storefront/sign-in')
      await noAxeViolations(page)
      await page.getByLabel(t.email).fill(width.shopper.email)
      await page.getByLabel(t.password).fill(width.shopper.password)
      await page.getByRole('button', { name: t.signIn }).last().click()
      await expect(page).toHaveURL(/\/storefront\/my-cards/)
      await expect(page.getByRole('heading', { level: 1, name: t.cards })).toBeVisible()
      await expect(page.getByRole('region', { name: t.masterpass })).toContainText('34700001')
      await noAxeViolations(page)

      await page.getByRole('button', { name: t.addCard }).click()
      await page.getByLabel(t.cardName).fill('Visa demo')
      await page.getByLabel(t.number).fill('4111 1111 1111 1111')
      await page.getByLabel(t.holder).fill('Demo Shopper')
      await page.getByLabel(t.month).fill('12')
      await page.getByLabel(t.year).fill('2031')
      await page.getByLabel(t.cvv).fill('123')
      await noAxeViolations(page)
      await snap(page, `storefront-card-form-${width.name}`)
      await page.getByRole('button', { name: t.next }).click()

      await expect(page.getByLabel(t.phone)).toHaveValue(t.phonePrefill)
      await page.getByRole('button', { name: t.send }).click()
      const hint = page.getByText(/\b\d{6}\b/)
      await expect(hint).toBeVisible()
      const code = /\b(\d{6})\b/.exec((await hint.textContent()) ?? '')![1]
      await noAxeViolations(page)
      await snap(page, `storefront-otp-${width.name}`)
      await page.getByLabel(t.otp).fill(code)
      await page.getByRole('button', { name: t.verify }).click()
      await expect(page.getByRole('main').getByRole('status')).toHaveText(t.saved)
      const saved = page.getByRole('list', { name: t.cards }).getByRole('listitem').filter({ hasText: '411111******1111' })
      await expect(saved).toContainText('Visa demo')
      await snap(page, `storefront-my-cards-${width.name}`)

      await saved.getByRole('button', { name: new RegExp(t.remove) }).click()
      await expect(page.getByRole('main').getByRole('status')).toHaveText(t.deleted)
      await expect(page.getByText('411111******1111')).toHaveCount(0)
    })
  })
}

test('console: Installment preview shows the storefront plans, their POS and why cards are left out; SMS outbox', async ({ page }) => {
  await signIn(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Installment Preview' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Installment Preview' })).toBeVisible()
  await page.getByLabel('Amount').fill('500.00')
  await page.getByLabel('BIN (optional)').fill('41111111')
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: /1 card offered for 500\.00 TRY \(BIN 411111\)/ })).toBeVisible()
  const six = page.getByRole('row', { name: /^6 Taksit/ })
  await expect(six).toContainText('546.25')
  await expect(six).toContainText('Installment POS')
  await expect(six).toContainText('DummyPay 3-D')
  await expect(page.getByRole('table', { name: 'Cards left out and why' }).getByRole('row', { name: /Bonus/ }).first()).toContainText('No BIN match')
  await snap(page, 'console-installment-preview')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SMS Outbox' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SMS Outbox' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'SMS messages' }).getByRole('row').nth(1)).toContainText(/\d{6}/)
  await snap(page, 'console-sms-outbox')
})
