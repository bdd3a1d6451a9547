import type { CardView } from '@/lib/storefront/cards'
import { formatMoney, type PageLanguage, type Texts } from '@/lib/storefront/i18n'

/** One card's plans per row of a table, each card in a disclosure with its bank and card logos. */
export function InstallmentTables({ cards, currency, language, t }: { cards: CardView[]; currency: string; language: PageLanguage; t: Texts }) {
  if (!cards.length) return <p>{t.noInstallments}</p>
  return (
    <ul className="shop-cards" aria-label={t.installmentsTitle}>
      {cards.map((card) => {
        const most = Math.max(...card.installments.map((plan) => plan.installment_count))
        return (
          <li key={card.pk}>
            <details className="shop-card-plans">
              <summary>
                <span className="shop-logos">
                  {card.bank.logo && <img src={card.bank.logo} alt={card.bank.name} width={96} height={32} />}
                  {/* The programme's logo says nothing more when the card is named after it (Paraf / Paraf). */}
                  {card.card_type.logo && <img src={card.card_type.logo} alt={card.card_type.name === card.name ? '' : card.card_type.name} width={51} height={32} />}
                </span>
                <span className="shop-card-name">{card.name}</span>
                <span className="shop-card-most">{t.upTo(most)}</span>
              </summary>
              <table className="shop-table">
                <caption className="visually-hidden">{t.cardLogos(card.bank.name, card.name)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.installmentCount}</th>
                    <th scope="col">{t.monthly}</th>
                    <th scope="col">{t.total}</th>
                  </tr>
                </thead>
                <tbody>
                  {card.installments.map((plan) => (
                    <tr key={plan.pk}>
                      <th scope="row">{plan.label}</th>
                      <td>{formatMoney(plan.monthly_price_with_accrued_interest, currency, language)}</td>
                      <td>{formatMoney(plan.price_with_accrued_interest, currency, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </li>
        )
      })}
    </ul>
  )
}
