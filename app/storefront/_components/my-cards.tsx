'use client'

import { useRef, useState } from 'react'
import type { SavedCardView } from '@/lib/storefront/stored-cards'
import { TEXTS, type PageLanguage } from '@/lib/storefront/i18n'
import { fieldErrors, firstError, shopFetch } from './shop-fetch'

type Step = 'list' | 'card' | 'phone' | 'otp'

function Field({ id, label, error, ...input }: { id: string; label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error && (
        <p id={`${id}-error`} className="shop-error">
          {error}
        </p>
      )}
    </>
  )
}

/** The stored-card flow of the spec: card → phone (prefilled) → OTP → the saved card appears. */
export function MyCards({ initialCards, phone, language }: { initialCards: SavedCardView[]; phone: string; language: PageLanguage }) {
  const t = TEXTS[language]
  const [cards, setCards] = useState(initialCards)
  const [step, setStep] = useState<Step>('list')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [hint, setHint] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  const go = (next: Step) => {
    setErrors({})
    setStep(next)
    // Move focus to the new step's heading so screen readers follow the flow.
    setTimeout(() => heading.current?.focus(), 0)
  }
  const fail = (body: unknown) => setErrors({ ...fieldErrors(body), form: firstError(body, t.error) })
  const refresh = async () => {
    const answer = await shopFetch('GET', '/users/saved-cards/')
    if (answer.ok) setCards(answer.body.results)
  }
  const submit = (handler: (data: FormData) => Promise<void>) => async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    try {
      await handler(new FormData(event.currentTarget))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <p role="status" className="shop-ok">
        {status}
      </p>
      {cards.length ? (
        <ul className="shop-saved" aria-label={t.cardsTitle}>
          {cards.map((card) => (
            <li key={card.pk}>
              <span className="shop-saved-name">{card.name}</span> <code>{card.masked_card_number}</code>
              <button
                type="button"
                className="shop-link-button"
                aria-label={t.deleteCard(card.name)}
                onClick={async () => {
                  if (!window.confirm(t.confirmDelete)) return
                  const answer = await shopFetch('DELETE', `/users/saved-cards/${card.pk}/`)
                  if (answer.ok) setStatus(t.deleted)
                  await refresh()
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noCards}</p>
      )}

      {step === 'list' && (
        <button type="button" className="shop-button" onClick={() => go('card')}>
          {t.addCard}
        </button>
      )}

      {step === 'card' && (
        <form
          className="shop-form"
          noValidate
          aria-labelledby="step-heading"
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/', Object.fromEntries(data))
            if (answer.ok) go('phone')
            else fail(answer.body)
          })}
        >
          <h2 id="step-heading" ref={heading} tabIndex={-1}>
            {t.addCard}
          </h2>
          <Field id="name" label={t.cardName} error={errors.name} required maxLength={64} />
          <Field id="card_number" label={t.cardNumber} error={errors.card_number} required inputMode="numeric" autoComplete="cc-number" />
          <Field id="card_holder" label={t.cardHolder} error={errors.card_holder} required autoComplete="cc-name" />
          <div className="shop-row">
            <div>
              <Field id="card_month" label={t.expiryMonth} error={errors.card_month} required inputMode="numeric" autoComplete="cc-exp-month" maxLength={2} />
            </div>
            <div>
              <Field id="card_year" label={t.expiryYear} error={errors.card_year} required inputMode="numeric" autoComplete="cc-exp-year" maxLength={4} />
            </div>
            <div>
              <Field id="card_cvv" label={t.cvv} error={errors.card_cvv} inputMode="numeric" autoComplete="cc-csc" maxLength={4} />
            </div>
          </div>
          {errors.non_field_errors && (
            <p role="alert" className="shop-error">
              {errors.non_field_errors}
            </p>
          )}
          <div className="shop-actions">
            <button type="submit" className="shop-button" disabled={busy}>
              {t.continue}
            </button>
            <button type="button" className="shop-link-button" onClick={() => go('list')}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}

      {step === 'phone' && (
        <form
          className="shop-form"
          noValidate
          aria-labelledby="step-heading"
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/phone-number/', { phone_number: data.get('phone_number') }, language)
            if (!answer.ok && answer.status !== 429) return fail(answer.body)
            // In outbox mode (the demo) the latest SMS is shown, as a phone would show it.
            const latest = await shopFetch('GET', '/storefront/sms-hint/')
            setHint(latest.ok ? latest.body.body : null)
            if (answer.status === 429) fail(answer.body)
            go('otp')
          })}
        >
          <h2 id="step-heading" ref={heading} tabIndex={-1}>
            {t.phoneTitle}
          </h2>
          <Field id="phone_number" label={t.phone} error={errors.phone_number} defaultValue={phone} required inputMode="tel" autoComplete="tel-national" />
          {errors.form && !errors.phone_number && (
            <p role="alert" className="shop-error">
              {errors.form}
            </p>
          )}
          <div className="shop-actions">
            <button type="submit" className="shop-button" disabled={busy}>
              {t.sendCode}
            </button>
            <button type="button" className="shop-link-button" onClick={() => go('list')}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}

      {step === 'otp' && (
        <form
          className="shop-form"
          noValidate
          aria-labelledby="step-heading"
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/otp/', { otp: data.get('otp') })
            if (!answer.ok) return fail(answer.body)
            await refresh()
            setHint(null)
            setStatus(t.cardSaved)
            go('list')
          })}
        >
          <h2 id="step-heading" ref={heading} tabIndex={-1}>
            {t.otpTitle}
          </h2>
          {hint && <p className="shop-note">{t.outboxHint(hint)}</p>}
          <Field id="otp" label={t.otp} error={errors.otp} required inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
          {errors.form && !errors.otp && (
            <p role="alert" className="shop-error">
              {errors.form}
            </p>
          )}
          <div className="shop-actions">
            <button type="submit" className="shop-button" disabled={busy}>
              {t.verify}
            </button>
            <button type="button" className="shop-link-button" onClick={() => go('list')}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </>
  )
}
