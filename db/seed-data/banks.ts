/**
 * Turkish banks of the demo data. `code` is the bank's 5-digit code (EFT code) as it appears in
 * positions 5–9 of its IBANs. Logos stay empty: the console shows the name when a bank has no logo.
 */
export type SeedBank = { slug: string; name: string; code: string; logo: string | null }

export const SEED_BANKS = [
  { slug: 'ziraat-bankasi', name: 'Ziraat Bankası', code: '00010', logo: null },
  { slug: 'halkbank', name: 'Halkbank', code: '00012', logo: null },
  { slug: 'vakifbank', name: 'VakıfBank', code: '00015', logo: null },
  { slug: 'teb', name: 'Türk Ekonomi Bankası', code: '00032', logo: null },
  { slug: 'akbank', name: 'Akbank', code: '00046', logo: null },
  { slug: 'sekerbank', name: 'Şekerbank', code: '00059', logo: null },
  { slug: 'garanti-bbva', name: 'Garanti BBVA', code: '00062', logo: null },
  { slug: 'is-bankasi', name: 'Türkiye İş Bankası', code: '00064', logo: null },
  { slug: 'yapi-kredi', name: 'Yapı Kredi', code: '00067', logo: null },
  { slug: 'ing', name: 'ING Türkiye', code: '00099', logo: null },
  { slug: 'qnb', name: 'QNB', code: '00111', logo: null },
  { slug: 'hsbc', name: 'HSBC Türkiye', code: '00123', logo: null },
  { slug: 'denizbank', name: 'DenizBank', code: '00134', logo: null },
  { slug: 'albaraka-turk', name: 'Albaraka Türk', code: '00203', logo: null },
  { slug: 'kuveyt-turk', name: 'Kuveyt Türk', code: '00205', logo: null },
  { slug: 'turkiye-finans', name: 'Türkiye Finans Katılım Bankası', code: '00206', logo: null },
] as const satisfies readonly SeedBank[]

export type BankSlug = (typeof SEED_BANKS)[number]['slug']
