import type { SeedCard } from './cards'

// Translations take the `{language: {field: text}}` shape that payment options validate, so one reader serves both.
export type SeedInstallment = {
  count: number
  label: string
  interestRate: string
  isActive: boolean
  config: Record<string, unknown>
  translations: Record<string, { label: string }>
}

// Monthly cost of spreading a payment, in hundredths of a percent, as banks charge merchants; the
// programmes that run "extra installment" campaigns are cheaper. Rates are whole basis points, so the
// decimal strings below are exact.
const MONTHLY_RATE_BP: Record<string, number> = {
  bonus: 199, 'miles-smiles': 219, 'bonus-business': 175, axess: 210, wings: 230, world: 205,
  'vakifbank-world': 225, maximum: 195, cardfinans: 240, paraf: 185, 'teb-bonus': 215, 'denizbank-bonus': 235,
  'ing-bonus': 250, 'turkiye-finans-bonus': 260, 'bankkart-combo': 170, 'sekerbank-advantage': 275,
  advantage: 265, 'saglam-kart': 245, 'albaraka-world': 285,
}

// Long plans only above an order size, so a small basket is not offered 12 months.
function minAmount(count: number): string | null {
  if (count >= 10) return '2000.00'
  if (count >= 7) return '1000.00'
  if (count >= 4) return '500.00'
  return null
}

function percent(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}0000`
}

/** Payment in advance for every card; credit cards also 2–12 installments. */
export function installmentsFor(card: SeedCard): SeedInstallment[] {
  const single: SeedInstallment = {
    count: 1,
    label: 'In Advance',
    interestRate: '0.000000',
    isActive: true,
    config: {},
    translations: { tr: { label: 'Peşin' }, en: { label: 'In Advance' } },
  }
  if (card.paymentType === 'debit') return [single]
  const monthly = MONTHLY_RATE_BP[card.slug] ?? 250
  // Commerce cards and the smaller programmes stop at 9 months; the rows above stay, switched off.
  const longestActive = card.commerce || monthly >= 260 ? 9 : 12
  const plans = [single]
  for (let count = 2; count <= 12; count++) {
    const min = minAmount(count)
    plans.push({
      count,
      label: `${count} Installments`,
      interestRate: percent(monthly * (count - 1)),
      isActive: count <= longestActive,
      config: min ? { min_amount: min } : {},
      translations: { tr: { label: `${count} Taksit` }, en: { label: `${count} Installments` } },
    })
  }
  return plans
}
