import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { paidAttempt } from '@/lib/checkout/pay'
import { firstInstalment } from '@/lib/checkout/plan'
import { CHECKOUT_TEXTS } from '@/lib/checkout/texts'
import { findBasketId } from '@/lib/storefront/basket'
import { formatMoney } from '@/lib/storefront/i18n'
import { formatMinor, toMinor } from '@/lib/storefront/money'
import { shopPage } from '@/lib/storefront/page-context'
import { shopperPhone } from '@/lib/storefront/stored-cards'
import { SaveCard } from '../../_components/save-card'
import '../../checkout.css'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Payment received' }

// The result of a successful payment: order number, amount, plan, masked card; "Save this card" runs the
// stored-card OTP flow when the shopper asked for it. Only the session that paid can see it.
export default async function ResultPage({ params }: { params: Promise<{ attempt: string }> }) {
  const { db, channelId, language, session, shopper } = await shopPage()
  const c = CHECKOUT_TEXTS[language]
  const { attempt: raw } = await params
  if (!/^\d{1,9}$/.test(raw)) notFound()
  const paid = await paidAttempt(db, await findBasketId(db, channelId, session), Number(raw))
  if (!paid) notFound()
  const money = (amount: string) => formatMoney(amount, paid.currency, language)
  const phone = paid.save_requested && shopper ? (await shopperPhone(db, shopper.pk)).phone_number : null
  return (
    <>
      <h1>{c.resultTitle}</h1>
      <div className="checkout-result">
        <p>{c.resultIntro}</p>
        <dl className="shop-summary" aria-label={c.resultTitle}>
          <dt>{c.orderNumber}</dt>
          <dd>{paid.number}</dd>
          <dt>{c.amountPaid}</dt>
          <dd>{money(paid.amount)}</dd>
          <dt>{c.plan}</dt>
          <dd>{paid.installment_count === 1 ? c.single : `${c.countLabel(paid.installment_count)} (${c.instalments(paid.installment_count, money(firstInstalment(paid.amount, paid.monthly_amount, paid.installment_count)), money(paid.monthly_amount))})`}</dd>
          {paid.installment_count > 1 && (
            <>
              <dt>{c.interest}</dt>
              <dd>{money(formatMinor(toMinor(paid.amount) - toMinor(paid.base_amount)))}</dd>
            </>
          )}
          <dt>{c.card}</dt>
          <dd>
            <code>{paid.masked_number}</code>
          </dd>
        </dl>
      </div>
      {phone !== null && <SaveCard phone={phone} language={language} />}
      <p>
        <Link href="/storefront">{c.continueShopping}</Link>
      </p>
    </>
  )
}
