import type { BankSlug } from './banks'
import type { CardTypeSlug } from './card-types'

/** Slugs of the POS records that `seedPos` (db/seed-pos.ts) creates in every channel. */
export const POS = {
  dummy: 'dummypay',
  dummy3d: 'dummypay-3d',
  garantiPay: 'gpay',
  masterpass: 'masterpass',
  iyzico: 'iyzico',
} as const
export type PosSlug = (typeof POS)[keyof typeof POS]

export type Network = 'visa' | 'mastercard' | 'troy' | 'amex' | 'maestro'

export type SeedCard = {
  slug: string
  name: string
  bank: BankSlug
  cardType: CardTypeSlug
  paymentType: 'credit' | 'debit'
  cash: PosSlug
  installment: PosSlug
  threeD: PosSlug | null
  commerce?: boolean
  /** Networks the bank issues this card on, and how many BIN ranges the demo gives it. */
  networks: readonly Network[]
  bins: number
  /** Public test-card BINs the demo and tests rely on (DESIGN.md "Demo data and test cards"). */
  fixedBins?: readonly string[]
}

// Garanti's own virtual POS serves the Bonus family; the other banks go through iyzico or the test POS,
// which is how a shop typically spreads its traffic. Debit cards pay in one go only.
export const SEED_CARDS: readonly SeedCard[] = [
  { slug: 'bonus', name: 'Bonus', bank: 'garanti-bbva', cardType: 'bonus', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard', 'amex'], bins: 30 },
  { slug: 'miles-smiles', name: 'Miles&Smiles', bank: 'garanti-bbva', cardType: 'miles-smiles', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard', 'amex'], bins: 12 },
  { slug: 'bonus-business', name: 'Bonus Business', bank: 'garanti-bbva', cardType: 'bonus-business', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: null, commerce: true, networks: ['visa', 'mastercard'], bins: 8 },
  { slug: 'axess', name: 'Axess', bank: 'akbank', cardType: 'axess', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard', 'troy'], bins: 26 },
  { slug: 'wings', name: 'Wings', bank: 'akbank', cardType: 'wings', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard'], bins: 10 },
  { slug: 'world', name: 'World', bank: 'yapi-kredi', cardType: 'world', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard', 'troy'], bins: 26 },
  { slug: 'vakifbank-world', name: 'VakıfBank World', bank: 'vakifbank', cardType: 'world', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard', 'troy'], bins: 14 },
  { slug: 'maximum', name: 'Maximum', bank: 'is-bankasi', cardType: 'maximum', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard', 'troy'], bins: 26 },
  { slug: 'cardfinans', name: 'CardFinans', bank: 'qnb', cardType: 'cardfinans', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard', 'troy'], bins: 16 },
  // 4111 1111 1111 1111 (Visa test card): Paraf, 2–12 installments through DummyPay, 3-D Secure on DummyPay 3-D.
  { slug: 'paraf', name: 'Paraf', bank: 'halkbank', cardType: 'paraf', paymentType: 'credit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy3d, networks: ['visa', 'mastercard', 'troy'], bins: 16, fixedBins: ['411111'] },
  { slug: 'teb-bonus', name: 'TEB Bonus', bank: 'teb', cardType: 'bonus', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard'], bins: 10 },
  { slug: 'denizbank-bonus', name: 'DenizBank Bonus', bank: 'denizbank', cardType: 'bonus', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard', 'troy'], bins: 12 },
  { slug: 'ing-bonus', name: 'ING Bonus', bank: 'ing', cardType: 'bonus', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard'], bins: 8 },
  { slug: 'turkiye-finans-bonus', name: 'Türkiye Finans Bonus', bank: 'turkiye-finans', cardType: 'bonus', paymentType: 'credit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'mastercard'], bins: 8 },
  // 5555 5555 5555 4444 (Mastercard test card): Bankkart Combo, installments through DummyPay, no 3-D Secure.
  { slug: 'bankkart-combo', name: 'Bankkart Combo', bank: 'ziraat-bankasi', cardType: 'bankkart-combo', paymentType: 'credit', cash: POS.dummy, installment: POS.dummy, threeD: null, networks: ['visa', 'mastercard', 'troy'], bins: 20, fixedBins: ['555555'] },
  { slug: 'sekerbank-advantage', name: 'Şekerbank Advantage', bank: 'sekerbank', cardType: 'advantage', paymentType: 'credit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy, networks: ['visa', 'mastercard'], bins: 6 },
  { slug: 'advantage', name: 'Advantage', bank: 'hsbc', cardType: 'advantage', paymentType: 'credit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy, networks: ['visa', 'mastercard'], bins: 10 },
  { slug: 'saglam-kart', name: 'Sağlam Kart', bank: 'kuveyt-turk', cardType: 'saglam-kart', paymentType: 'credit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy, networks: ['visa', 'mastercard'], bins: 8 },
  { slug: 'albaraka-world', name: 'Albaraka World', bank: 'albaraka-turk', cardType: 'world', paymentType: 'credit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'mastercard'], bins: 6 },
  { slug: 'bonus-debit', name: 'Bonus Debit', bank: 'garanti-bbva', cardType: 'bonus', paymentType: 'debit', cash: POS.garantiPay, installment: POS.garantiPay, threeD: POS.garantiPay, networks: ['visa', 'maestro'], bins: 10 },
  { slug: 'axess-debit', name: 'Akbank Debit', bank: 'akbank', cardType: 'axess', paymentType: 'debit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'maestro'], bins: 8 },
  { slug: 'maximum-debit', name: 'Maximum Debit', bank: 'is-bankasi', cardType: 'maximum', paymentType: 'debit', cash: POS.iyzico, installment: POS.iyzico, threeD: POS.iyzico, networks: ['visa', 'maestro', 'troy'], bins: 10 },
  { slug: 'bankkart-debit', name: 'Bankkart Debit', bank: 'ziraat-bankasi', cardType: 'bankkart-combo', paymentType: 'debit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy, networks: ['visa', 'maestro', 'troy'], bins: 12 },
  { slug: 'world-debit', name: 'World Debit', bank: 'yapi-kredi', cardType: 'world', paymentType: 'debit', cash: POS.iyzico, installment: POS.iyzico, threeD: null, networks: ['visa', 'mastercard'], bins: 6 },
  { slug: 'paraf-debit', name: 'Paraf Debit', bank: 'halkbank', cardType: 'paraf', paymentType: 'debit', cash: POS.dummy, installment: POS.dummy, threeD: POS.dummy, networks: ['visa', 'troy'], bins: 6 },
  { slug: 'saglam-kart-debit', name: 'Sağlam Kart Debit', bank: 'kuveyt-turk', cardType: 'saglam-kart', paymentType: 'debit', cash: POS.dummy, installment: POS.dummy, threeD: null, networks: ['visa', 'mastercard'], bins: 6 },
]

/** The natural key the seed uses to find a card again: the (bank, card type, payment type) unique set. */
export function cardKey(bankId: number, cardTypeId: number, paymentType: string): string {
  return `${bankId}:${cardTypeId}:${paymentType}`
}
