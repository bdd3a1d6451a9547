'use client'

import { useRef, useState } from 'react'
import { CHECKOUT_TEXTS, type CheckoutLanguage } from '@/lib/checkout/texts'
import { TEXTS } from '@/lib/storefront/i18n'
import { fieldErrors, firstError, shopFetch } from '../../_components/shop-fetch'

/**
 * "Save this card" after a paid order: the card was staged (encrypted, minutes) at Pay; the storefront's
 * stored-card endpoints send the code and, on the right one, tokenize it through the stored-card POS.
 */
export function SaveCard({ phone, language }: { phone: string; language: CheckoutLanguage }) {
  const c = CHECKOUT_TEXTS[language]
  const t = TEXTS[language]
  const [step, setStep] = useState<'phone' | 'otp' | 'done'>('phone')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [hint, setHint] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  const fail = (body: unknown) => setErrors({ ...fieldErrors(body), form: firstError(body, t.error) })
  const run = (work: (data: FormData) => Promise<void>) => async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    try {
      await work(new FormData(event.currentTarget))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="save-heading" className="shop-section checkout-result">
      <h2 id="save-heading" ref={heading} tabIndex={-1}>
        {c.saveTitle}
      </h2>
      {step === 'done' ? (
        <p role="status" className="shop-ok">
          {t.cardSaved}
        </p>
      ) : step === 'phone' ? (
        <form
          className="shop-form"
          noValidate
          onSubmit={run(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/phone-number/', { phone_number: data.get('phone_number') }, language)
            if (!answer.ok) return fail(answer.body)
            const latest = await shopFetch('GET', '/storefront/sms-hint/')
            setHint(latest.ok ? latest.body.body : null)
            setErrors({})
            setStep('otp')
          })}
        >
          <p>{c.saveIntro}</p>
          <label htmlFor="save-phone">{t.phone}</label>
          <input id="save-phone" name="phone_number" defaultValue={phone} inputMode="tel" autoComplete="tel-national" aria-invalid={Boolean(errors.phone_number)} aria-describedby={errors.phone_number ? 'save-phone-error' : undefined} />
          {errors.phone_number && (
            <p id="save-phone-error" className="shop-error">
              {errors.phone_number}
            </p>
          )}
          {errors.form && !errors.phone_number && (
            <p role="alert" className="shop-error">
              {errors.form}
            </p>
          )}
          <button type="submit" className="shop-button" disabled={busy}>
            {t.sendCode}
          </button>
        </form>
      ) : (
        <form
          className="shop-form"
          noValidate
          onSubmit={run(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/otp/', { otp: data.get('otp') }, language)
            if (!answer.ok) return fail(answer.body)
            setStep('done')
          })}
        >
          {hint && <p className="shop-note">{t.outboxHint(hint)}</p>}
          <label htmlFor="save-otp">{t.otp}</label>
          <input id="save-otp" name="otp" inputMode="numeric" autoComplete="one-time-code" maxLength={8} aria-invalid={Boolean(errors.otp)} aria-describedby={errors.otp ? 'save-otp-error' : undefined} />
          {errors.otp && (
            <p id="save-otp-error" className="shop-error">
              {errors.otp}
            </p>
          )}
          {errors.form && !errors.otp && (
            <p role="alert" className="shop-error">
              {errors.form}
            </p>
          )}
          <button type="submit" className="shop-button" disabled={busy}>
            {t.verify}
          </button>
        </form>
      )}
    </section>
  )
}
