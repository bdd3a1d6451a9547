import type { Metadata } from 'next'
import Link from 'next/link'
import { NotFoundError } from '@/lib/http/errors'
import { masterpassConfig, type MasterpassConfig } from '@/lib/storefront/masterpass'
import { shopPage } from '@/lib/storefront/page-context'
import { listSavedCards, shopperPhone } from '@/lib/storefront/stored-cards'
import { MyCards } from '../_components/my-cards'
import { withPageOrigin } from '../_components/page-origin'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'My cards' }

// "My cards": saved cards (GET /users/saved-cards/), adding one with an OTP, and the Masterpass panel.
export default async function MyCardsPage() {
  const { db, channelId, language, t, shopper } = await shopPage()
  let masterpass: MasterpassConfig | null = null
  try {
    masterpass = await withPageOrigin(() => masterpassConfig(db, channelId))
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error
  }
  const [cards, phone] = shopper ? await Promise.all([listSavedCards(db, shopper.pk, new URLSearchParams()), shopperPhone(db, shopper.pk)]) : [null, null]
  return (
    <>
      <h1>{t.cardsTitle}</h1>
      <p className="shop-intro">{t.cardsIntro}</p>
      {cards && phone ? (
        <MyCards initialCards={cards.results} phone={phone.phone_number} language={language} />
      ) : (
        <p>
          <Link href="/storefront/sign-in">{t.signInFirst}</Link>
        </p>
      )}
      <section aria-labelledby="masterpass-heading" className="shop-section shop-note">
        <h2 id="masterpass-heading">{t.masterpassTitle}</h2>
        {masterpass ? (
          <dl className="shop-summary">
            <dt>{t.masterpassScript}</dt>
            <dd>
              <code>{masterpass.js}</code>
            </dd>
            <dt>{t.masterpassClient}</dt>
            <dd>{masterpass.client_id}</dd>
            <dt>{t.masterpassMerchant}</dt>
            <dd>{masterpass.merchant_id || '—'}</dd>
            <dt>{t.masterpassReturn}</dt>
            <dd>
              <code>{masterpass.s3d_return_url}</code>
            </dd>
          </dl>
        ) : (
          <p>{t.masterpassNotConfigured}</p>
        )}
      </section>
    </>
  )
}
