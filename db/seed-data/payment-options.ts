import { POS } from './cards'

/**
 * Payment options offered at checkout; `payment_type` values are the choices of lib/payment-options, and
 * `translations` has its `{language: {field: text}}` shape.
 */
export type SeedPaymentOption = {
  slug: string
  name: string
  paymentType: 'credit_card' | 'funds_transfer' | 'pay_on_delivery' | 'masterpass' | 'stored_card'
  sortOrder: number
  isActive: boolean
  config: Record<string, unknown>
  translations: Record<string, { name: string }>
}

export const SEED_PAYMENT_OPTIONS: readonly SeedPaymentOption[] = [
  { slug: 'credit_card', name: 'Credit Card', paymentType: 'credit_card', sortOrder: 0, isActive: true, config: { pos_slug: POS.dummy }, translations: { tr: { name: 'Kredi Kartı' }, en: { name: 'Credit Card' } } },
  { slug: 'masterpass', name: 'Masterpass', paymentType: 'masterpass', sortOrder: 1, isActive: true, config: { pos_slug: POS.masterpass }, translations: { tr: { name: 'Masterpass' }, en: { name: 'Masterpass' } } },
  {
    slug: 'stored_card',
    name: 'Stored Card',
    paymentType: 'stored_card',
    sortOrder: 2,
    isActive: true,
    config: { pos_slug: POS.dummy, rule: { params: {}, klass: 'omnishop.payments.rules.StoredCardRequiredRule' } },
    translations: { tr: { name: 'Kayıtlı Kartım' }, en: { name: 'Stored Card' } },
  },
  { slug: 'funds_transfer', name: 'Funds Transfer', paymentType: 'funds_transfer', sortOrder: 3, isActive: true, config: {}, translations: { tr: { name: 'Havale / EFT' }, en: { name: 'Funds Transfer' } } },
  {
    slug: 'pay_on_delivery',
    name: 'Pay on Delivery',
    paymentType: 'pay_on_delivery',
    sortOrder: 4,
    isActive: true,
    config: { fee: '14.90', max_amount: '5000.00' },
    translations: { tr: { name: 'Kapıda Ödeme' }, en: { name: 'Pay on Delivery' } },
  },
]
