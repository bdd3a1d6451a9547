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

/** One step of the flow: its heading (focused when the step opens), fields, a form-level alert and actions. */
function StepForm(props: {
  title: string
  heading: React.RefObject<HTMLHeadingElement | null>
  submitLabel: string
  cancelLabel: string
  busy: boolean
  alert?: string
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void
  onCancel: () => void
  children: React.ReactNode
}) {
  return (
    <form className="shop-form" noValidate aria-labelledby="step-heading" onSubmit={props.onSubmit}>
      <h2 id="step-heading" ref={props.heading} tabIndex={-1}>
        {props.title}
      </h2>
      {props.children}
      {props.alert && (
        <p role="alert" className="shop-error">
          {props.alert}
        </p>
      )}
      <div className="shop-actions">
        <button type="submit" className="shop-button" disabled={props.busy}>
          {props.submitLabel}
        </button>
        <button type="button" className="shop-link-button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </form>
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
        <StepForm
          title={t.addCard}
          heading={heading}
          submitLabel={t.continue}
          cancelLabel={t.cancel}
          busy={busy}
          alert={errors.non_field_errors}
          onCancel={() => go('list')}
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/', Object.fromEntries(data))
            if (answer.ok) go('phone')
            else fail(answer.body)
          })}
        >
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
        </StepForm>
      )}

      {step === 'phone' && (
        <StepForm
          title={t.phoneTitle}
          heading={heading}
          submitLabel={t.sendCode}
          cancelLabel={t.cancel}
          busy={busy}
          alert={errors.phone_number ? undefined : errors.form}
          onCancel={() => go('list')}
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/phone-number/', { phone_number: data.get('phone_number') }, language)
            if (!answer.ok && answer.status !== 429) return fail(answer.body)
            // In outbox mode (the demo) the latest SMS is shown, as a phone would show it.
            const latest = await shopFetch('GET', '/storefront/sms-hint/')
            setHint(latest.ok ? latest.body.body : null)
            go('otp')
            if (answer.status === 429) fail(answer.body)
          })}
        >
          <Field id="phone_number" label={t.phone} error={errors.phone_number} defaultValue={phone} required inputMode="tel" autoComplete="tel-national" />
        </StepForm>
      )}

      {step === 'otp' && (
        <StepForm
          title={t.otpTitle}
          heading={heading}
          submitLabel={t.verify}
          cancelLabel={t.cancel}
          busy={busy}
          alert={errors.otp ? undefined : errors.form}
          onCancel={() => go('list')}
          onSubmit={submit(async (data) => {
            const answer = await shopFetch('POST', '/payments/stored-cards/otp/', { otp: data.get('otp') })
            if (!answer.ok) return fail(answer.body)
            await refresh()
            setHint(null)
            setStatus(t.cardSaved)
            go('list')
          })}
        >
          {hint && <p className="shop-note">{t.outboxHint(hint)}</p>}
          <Field id="otp" label={t.otp} error={errors.otp} required inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
        </StepForm>
      )}
    </>
  )
}
