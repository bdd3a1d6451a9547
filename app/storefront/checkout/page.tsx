import type { Metadata } from 'next'
import Link from 'next/link'
import { CHECKOUT_TEXTS, declineMessage } from '@/lib/checkout/texts'
import { NotFoundError } from '@/lib/http/errors'
import { basketView, findBasketId, findPreOrder } from '@/lib/storefront/basket'
import { formatMoney } from '@/lib/storefront/i18n'
import { masterpassConfig, type MasterpassConfig } from '@/lib/storefront/masterpass'
import { shopPage } from '@/lib/storefront/page-context'
import { listSavedCards } from '@/lib/storefront/stored-cards'
import { withPageOrigin } from '../_components/page-origin'
import { CheckoutForm } from './_components/checkout-form'
import './checkout.css'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Checkout' }

// The checkout after the pre-order: the summary, the card form (or a saved card) with the plans its BIN
// gets, and the Masterpass configuration. Amounts shown here are recomputed on the server at Pay.
export default async function CheckoutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, channelId, language, session, shopper } = await shopPage()
  const c = CHECKOUT_TEXTS[language]
  const query = await searchParams
  const declined = typeof query.declined === 'string' ? declineMessage(query.declined, language) : null
  const basketId = await findBasketId(db, channelId, session)
  const [basket, preOrder] = await withPageOrigin(() => Promise.all([basketView(db, basketId), findPreOrder(db, basketId)]))
  let masterpass: MasterpassConfig | null = null
  try {
    masterpass = await withPageOrigin(() => masterpassConfig(db, channelId))
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error
  }
  const money = (amount: string) => formatMoney(amount, basket.currency, language)

  if (!preOrder || !basket.basketitem_set.length || basket.total_amount !== preOrder.basket_total)
    return (
      <>
        <h1>{c.title}</h1>
        {declined && (
          <p role="alert" className="shop-error">
            {declined}
          </p>
        )}
        <p>{preOrder && basket.basketitem_set.length ? c.basketChanged : c.noPreOrder}</p>
        <p>
          <Link href="/storefront/basket">{c.toBasket}</Link>
        </p>
      </>
    )

  const savedCards = shopper ? (await listSavedCards(db, shopper.pk, new URLSearchParams())).results : []
  return (
    <>
      <h1>{c.title}</h1>
      <div className="checkout-layout">
        <section aria-labelledby="summary-heading" className="checkout-summary">
          <h2 id="summary-heading">{c.summary}</h2>
          <table className="shop-table">
            <caption className="visually-hidden">{c.summary}</caption>
            <thead>
              <tr>
                <th scope="col">{c.product}</th>
                <th scope="col">{c.quantity}</th>
                <th scope="col">{c.amount}</th>
              </tr>
            </thead>
            <tbody>
              {basket.basketitem_set.map((line) => (
                <tr key={line.product.pk}>
                  <th scope="row">{line.product.name}</th>
                  <td>{line.quantity}</td>
                  <td>{money(line.total_amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="shop-summary checkout-totals">
            <dt>{c.subtotal}</dt>
            <dd>{money(preOrder.basket_total)}</dd>
            <dt>{c.shipping}</dt>
            <dd>{preOrder.shipping_amount === '0.00' ? c.free : money(preOrder.shipping_amount)}</dd>
          </dl>
        </section>
        <section aria-labelledby="pay-heading" className="checkout-pay">
          <h2 id="pay-heading">{c.payWith}</h2>
          <CheckoutForm
            preOrder={preOrder}
            language={language}
            savedCards={savedCards.map((card) => ({ pk: card.pk, name: card.name, masked: card.masked_card_number }))}
            signedIn={Boolean(shopper)}
            declined={declined}
          />
        </section>
      </div>
      <section aria-labelledby="masterpass-heading" className="shop-section shop-note">
        <h2 id="masterpass-heading">{c.masterpass}</h2>
        {masterpass ? (
          <>
            <p>{c.masterpassNote}</p>
            <dl className="shop-summary">
              <dt>{c.masterpassScript}</dt>
              <dd>
                <code>{masterpass.js}</code>
              </dd>
              <dt>{c.masterpassClient}</dt>
              <dd>{masterpass.client_id}</dd>
              <dt>{c.masterpassMerchant}</dt>
              <dd>{masterpass.merchant_id || '—'}</dd>
              <dt>{c.masterpassReturn}</dt>
              <dd>
                <code>{masterpass.s3d_return_url}</code>
              </dd>
            </dl>
          </>
        ) : (
          <p>{c.masterpassOff}</p>
        )}
      </section>
    </>
  )
}
