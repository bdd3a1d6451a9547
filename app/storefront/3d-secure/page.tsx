import type { Metadata } from 'next'
import Link from 'next/link'
import { CHECKOUT_TEXTS } from '@/lib/checkout/texts'
import { readChallenge } from '@/lib/gateways/dummypay-3d'
import { formatMoney } from '@/lib/storefront/i18n'
import { shopPage } from '@/lib/storefront/page-context'
import '../checkout/checkout.css'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: '3-D Secure' }

// DummyPay's bank page (the POS's three_d_resource_url): shows the signed challenge and asks for the code.
// It keeps nothing; the form carries the challenge back to /storefront/3d-secure/verify.
export default async function ThreeDSecurePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { language } = await shopPage()
  const c = CHECKOUT_TEXTS[language]
  const query = await searchParams
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') params.set(key, value)
  const reading = readChallenge(params)
  if (!reading.ok)
    return (
      <div className="bank-frame">
        <p className="bank-brand">{c.threeDBank}</p>
        <h1>{c.threeDTitle}</h1>
        <p role="alert" className="shop-error">
          {reading.reason === 'expired' ? c.threeDExpired : c.threeDInvalid}
        </p>
        <p>
          <Link href="/storefront/checkout">{c.backToShop}</Link>
        </p>
      </div>
    )
  const { challenge } = reading
  return (
    <div className="bank-frame">
      <p className="bank-brand">{c.threeDBank}</p>
      <h1>{c.threeDTitle}</h1>
      <p>{c.threeDIntro}</p>
      <dl className="shop-summary">
        <dt>{c.threeDMerchant}</dt>
        <dd>{language === 'tr' ? 'Demo Mağaza' : 'Demo Shop'}</dd>
        <dt>{c.threeDAmount}</dt>
        <dd>{formatMoney(challenge.amount, challenge.currency, language)}</dd>
        <dt>{c.threeDCard}</dt>
        <dd>
          <code>{challenge.card}</code>
        </dd>
      </dl>
      <form method="post" action="/storefront/3d-secure/verify" className="shop-form">
        {['transaction', 'amount', 'currency', 'card', 'return', 'expires', 'hash'].map((name) => (
          <input key={name} type="hidden" name={name} value={params.get(name) ?? ''} />
        ))}
        <label htmlFor="three-d-code">{c.threeDCode}</label>
        <input id="three-d-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} aria-describedby="three-d-hint" autoFocus />
        <p id="three-d-hint" className="checkout-hint">
          {c.threeDHint}
        </p>
        <div className="bank-actions">
          <button type="submit" name="action" value="approve" className="shop-button">
            {c.threeDSubmit}
          </button>
          <button type="submit" name="action" value="cancel" className="shop-link-button">
            {c.threeDCancel}
          </button>
        </div>
      </form>
    </div>
  )
}
