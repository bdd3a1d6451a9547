import type { Metadata } from 'next'
import { basketTotal, basketView, findBasketId, findPreOrder } from '@/lib/storefront/basket'
import { availableCards } from '@/lib/storefront/card-lookups'
import { shopPage } from '@/lib/storefront/page-context'
import { BasketEditor } from '../_components/basket-editor'
import { InstallmentTables } from '../_components/installment-table'
import { withPageOrigin } from '../_components/page-origin'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Basket' }

// The basket: lines and quantities, the basket's plans (GET /payments/cards/basket/), and the pre-order.
export default async function BasketPage() {
  const { db, channelId, language, t, session } = await shopPage()
  const basketId = await findBasketId(db, channelId, session)
  const [basket, total, preOrder] = await withPageOrigin(() => Promise.all([basketView(db, basketId), basketTotal(db, basketId), findPreOrder(db, basketId)]))
  const cards = await withPageOrigin(() => availableCards(db, channelId, total, { language }))
  return (
    <>
      <h1>{t.basketTitle}</h1>
      <BasketEditor basket={basket} preOrder={preOrder} language={language} />
      {basket.basketitem_set.length > 0 && (
        <section aria-labelledby="basket-plans" className="shop-section">
          <h2 id="basket-plans">{t.installmentsTitle}</h2>
          <InstallmentTables cards={cards.results} currency={basket.currency} language={language} t={t} />
        </section>
      )}
    </>
  )
}
