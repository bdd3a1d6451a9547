'use client'

import { useState } from 'react'
import { TEXTS, type PageLanguage } from '@/lib/storefront/i18n'
import { firstError, shopFetch } from './shop-fetch'

export function AddToBasket({ productId, language }: { productId: number; language: PageLanguage }) {
  const t = TEXTS[language]
  const [quantity, setQuantity] = useState('1')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="shop-add"
      onSubmit={async (event) => {
        event.preventDefault()
        setBusy(true)
        // Adds to what is there: the endpoint sets a quantity, so read the current one first.
        const basket = await shopFetch('GET', '/baskets/basket/')
        const line = basket.body?.basketitem_set?.find((item: { product: { pk: number } }) => item.product.pk === productId)
        const answer = await shopFetch('POST', '/baskets/basket/', { product: productId, quantity: (line?.quantity ?? 0) + Number(quantity) })
        setBusy(false)
        setMessage(answer.ok ? { ok: true, text: t.added } : { ok: false, text: firstError(answer.body, t.error) })
      }}
    >
      <label htmlFor="quantity">{t.quantity}</label>
      <input id="quantity" type="number" min={1} max={99} value={quantity} onChange={(event) => setQuantity(event.target.value)} required />
      <button type="submit" className="shop-button" disabled={busy}>
        {t.addToBasket}
      </button>
      <p role="status" className={message && !message.ok ? 'shop-error' : 'shop-ok'}>
        {message?.text}
      </p>
    </form>
  )
}
