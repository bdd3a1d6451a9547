import type { BankSlug } from './banks'

/** The shop's own accounts shown to shoppers who pay by funds transfer (havale/EFT). */
export type SeedBankAccount = {
  slug: string
  bank: BankSlug
  /** 16-digit account number; the IBAN is computed from it and the bank's code. */
  account: string
  holderName: string
  description: string
  isActive: boolean
}

const HOLDER = 'Demo Mağazacılık A.Ş.'

export const SEED_BANK_ACCOUNTS: readonly SeedBankAccount[] = [
  { slug: 'garanti-bbva-try', bank: 'garanti-bbva', account: '0000629871234501', holderName: HOLDER, description: 'TL hesabı, Levent şubesi', isActive: true },
  { slug: 'akbank-try', bank: 'akbank', account: '0000046120345678', holderName: HOLDER, description: 'TL hesabı, Maslak şubesi', isActive: true },
  { slug: 'is-bankasi-try', bank: 'is-bankasi', account: '0000064340918273', holderName: HOLDER, description: 'TL hesabı, Kadıköy şubesi', isActive: true },
  { slug: 'yapi-kredi-try', bank: 'yapi-kredi', account: '0000067560293847', holderName: HOLDER, description: 'TL hesabı, Beşiktaş şubesi', isActive: true },
  { slug: 'ziraat-bankasi-try', bank: 'ziraat-bankasi', account: '0000010780564738', holderName: HOLDER, description: 'TL hesabı, Ulus şubesi', isActive: true },
  { slug: 'vakifbank-try', bank: 'vakifbank', account: '0000015230675849', holderName: HOLDER, description: 'Eski TL hesabı, yalnızca iadeler için', isActive: false },
]
