'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { BasketView, PreOrderView } from '@/lib/storefront/basket'
import { CHECKOUT_TEXTS } from '@/lib/checkout/texts'
import { formatMoney, TEXTS, type PageLanguage } from '@/lib/storefront/i18n'
import { firstError, shopFetch } from './shop-fetch'

export function BasketEditor({ basket, preOrder, language }: { basket: BasketView; preOrder: PreOrderView | null; language: PageLanguage }) {
  const t = TEXTS[language]
  const router = useRouter()
  const [error, setError] = useState('')
  const [quantities, setQuantities] = useState<Record<number, string>>(() => Object.fromEntries(basket.basketitem_set.map((line) => [line.product.pk, String(line.quantity)])))
  const money = (amount: string) => formatMoney(amount, basket.currency, language)
  const change = async (product: number, quantity: number) => {
    const answer = await shopFetch('POST', '/baskets/basket/', { product, quantity })
    setError(answer.ok ? '' : firstError(answer.body, t.error))
    router.refresh()
  }
  if (!basket.basketitem_set.length) return <p>{t.basketEmpty}</p>
  return (
    <>
      <table className="shop-table shop-basket">
        <caption className="visually-hidden">{t.basketTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.product}</th>
            <th scope="col">{t.quantity}</th>
            <th scope="col">{t.unitPrice}</th>
            <th scope="col">{t.lineTotal}</th>
            <th scope="col">
              <span className="visually-hidden">{t.remove}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {basket.basketitem_set.map((line) => (
            <tr key={line.product.pk}>
              <th scope="row">{line.product.name}</th>
              <td>
                <form
                  className="shop-qty"
                  onSubmit={(event) => {
                    event.preventDefault()
                    void change(line.product.pk, Number(quantities[line.product.pk]))
                  }}
                >
                  <label className="visually-hidden" htmlFor={`qty-${line.product.pk}`}>
                    {`${t.quantity}: ${line.product.name}`}
                  </label>
                  <input
                    id={`qty-${line.product.pk}`}
                    type="number"
                    min={0}
                    max={999}
                    value={quantities[line.product.pk] ?? ''}
                    onChange={(event) => setQuantities({ ...quantities, [line.product.pk]: event.target.value })}
                  />
                  <button type="submit" className="shop-button shop-button-small">
                    {t.update}
                  </button>
                </form>
              </td>
              <td>{money(line.unit_price)}</td>
              <td>{money(line.total_amount)}</td>
              <td>
                <button type="button" className="shop-link-button" onClick={() => change(line.product.pk, 0)} aria-label={`${t.remove}: ${line.product.name}`}>
                  {t.remove}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.basketTotal}
            </th>
            <td colSpan={2}>{money(basket.total_amount)}</td>
          </tr>
        </tfoot>
      </table>
      {error && (
        <p role="alert" className="shop-error">
          {error}
        </p>
      )}
      <div className="shop-checkout">
        <button
          type="button"
          className="shop-button"
          onClick={async () => {
            const answer = await shopFetch('POST', '/orders/checkout/')
            setError(answer.ok ? '' : firstError(answer.body, t.error))
            router.refresh()
          }}
        >
          {t.checkout}
        </button>
        {preOrder && (
          <section aria-labelledby="pre-order-heading">
          <h2 id="pre-order-heading" className="shop-summary-title">{t.preOrder}</h2>
          <dl className="shop-summary">
            <dt>{t.basketTotal}</dt>
            <dd>{money(preOrder.basket_total)}</dd>
            <dt>{t.shipping}</dt>
            <dd>{preOrder.shipping_amount === '0.00' ? t.free : money(preOrder.shipping_amount)}</dd>
            <dt>{t.total}</dt>
            <dd>{money(preOrder.total_amount)}</dd>
          </dl>
          </section>
        )}
        {preOrder && (
          <Link href="/storefront/checkout" className="shop-button">
            {CHECKOUT_TEXTS[language].toPayment}
          </Link>
        )}
      </div>
    </>
  )
}
