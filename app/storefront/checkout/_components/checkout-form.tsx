'use client'

import Link from 'next/link'
import { useEffect, useMemo, useRef, useState } from 'react'
import { binOf, cardDigits, formatCardNumber } from '@/lib/checkout/card-format'
import { luhnValid } from '@/lib/gateways/card-number'
import { firstInstalment } from '@/lib/checkout/plan'
import { CHECKOUT_TEXTS, declineMessage, type CheckoutLanguage } from '@/lib/checkout/texts'
import type { CardView } from '@/lib/storefront/cards'
import type { PreOrderView } from '@/lib/storefront/basket'
import { formatMoney } from '@/lib/storefront/i18n'

type SavedCard = { pk: number; name: string; masked: string }
type Plan = { count: number; label: string; monthly: string; total: string }
type Lookup = { bin: string; card: CardView | null }

function cookie(name: string): string {
  return (
    document.cookie
      .split('; ')
      .find((part) => part.startsWith(`${name}=`))
      ?.slice(name.length + 1) ?? ''
  )
}

/** One key per Pay press: a double click or a retried request sends the same key, so it charges once. */
function newAttemptKey(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function firstMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null
  for (const value of Object.values(body as Record<string, unknown>)) {
    if (typeof value === 'string') return value
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  }
  return null
}

const FIELD_ORDER = ['stored_card', 'card_number', 'card_holder', 'card_month', 'card_year', 'card_cvv', 'installment_count', 'card_name'] as const

export function CheckoutForm({
  preOrder,
  language,
  savedCards,
  signedIn,
  declined,
}: {
  preOrder: PreOrderView
  language: CheckoutLanguage
  savedCards: SavedCard[]
  signedIn: boolean
  declined: string | null
}) {
  const c = CHECKOUT_TEXTS[language]
  const money = (amount: string) => formatMoney(amount, preOrder.currency, language)
  const [method, setMethod] = useState<'card' | 'stored'>('card')
  const [number, setNumber] = useState('')
  const [holder, setHolder] = useState('')
  const [month, setMonth] = useState('')
  const [year, setYear] = useState('')
  const [cvv, setCvv] = useState('')
  const [stored, setStored] = useState<number | null>(savedCards[0]?.pk ?? null)
  const [save, setSave] = useState(false)
  const [cardName, setCardName] = useState('')
  const [lookup, setLookup] = useState<Lookup | null>(null)
  const [count, setCount] = useState(1)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [alert, setAlert] = useState(declined ?? '')
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  const keyRef = useRef<string | null>(null)
  const fields = useRef<Record<string, HTMLElement | null>>({})

  const digits = cardDigits(number)
  const storedCard = savedCards.find((card) => card.pk === stored) ?? null
  const bin = method === 'card' ? binOf(digits) : storedCard ? storedCard.masked.slice(0, 6) : null

  // The plans of the card the BIN names, for this pre-order (GET /payments/cards/pre-order/?bin_number=).
  useEffect(() => {
    if (!bin) {
      setLookup(null)
      return
    }
    if (lookup?.bin === bin) return
    let current = true
    void fetch(`/payments/cards/pre-order/?bin_number=${bin}`, { credentials: 'same-origin', headers: { 'accept-language': language } })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((page: { results: CardView[] }) => {
        if (current) setLookup({ bin, card: page.results[0] ?? null })
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [bin, language, lookup?.bin])

  const plans: Plan[] = useMemo(() => {
    if (!lookup) return []
    if (!lookup.card) return [{ count: 1, label: c.single, monthly: preOrder.total_amount, total: preOrder.total_amount }]
    return lookup.card.installments.map((plan) => ({
      count: plan.installment_count,
      label: plan.label,
      monthly: plan.monthly_price_with_accrued_interest,
      total: plan.price_with_accrued_interest,
    }))
  }, [lookup, preOrder.total_amount, c.single])
  const chosen = plans.find((plan) => plan.count === count) ?? plans[0] ?? null
  useEffect(() => {
    if (plans.length && !plans.some((plan) => plan.count === count)) setCount(plans[0].count)
  }, [plans, count])

  const changed = () => {
    // New input is a new intent: the next Pay press gets a new key.
    if (!busyRef.current) keyRef.current = null
  }

  function validate(): Record<string, string> {
    const found: Record<string, string> = {}
    if (method === 'stored') {
      if (!storedCard) found.stored_card = c.errors.storedCard
      return found
    }
    if (!luhnValid(digits)) found.card_number = c.errors.number
    if (!holder.trim()) found.card_holder = c.errors.holder
    const m = Number(month)
    if (!/^\d{1,2}$/.test(month) || m < 1 || m > 12) found.card_month = c.errors.month
    if (!/^\d{4}$/.test(year)) found.card_year = c.errors.year
    else if (!found.card_month) {
      const now = new Date()
      if (Number(year) * 12 + m < now.getFullYear() * 12 + now.getMonth() + 1) found.card_year = c.errors.expired
    }
    if (!/^\d{3,4}$/.test(cvv)) found.card_cvv = c.errors.cvv
    if (save && !cardName.trim()) found.card_name = c.errors.name
    return found
  }

  const focusFirst = (found: Record<string, string>) => {
    const first = FIELD_ORDER.find((name) => found[name])
    if (first) fields.current[first]?.focus()
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busyRef.current) return
    const found = validate()
    setErrors(found)
    if (Object.keys(found).length) {
      setAlert(c.fixErrors)
      focusFirst(found)
      return
    }
    busyRef.current = true
    setBusy(true)
    setAlert('')
    setStatus(c.paying)
    keyRef.current ??= newAttemptKey()
    const body =
      method === 'stored'
        ? { pre_order: preOrder.pk, installment_count: chosen?.count ?? 1, stored_card: stored }
        : {
            pre_order: preOrder.pk,
            installment_count: chosen?.count ?? 1,
            card_number: digits,
            card_holder: holder.trim(),
            card_month: month,
            card_year: year,
            card_cvv: cvv,
            ...(save ? { save_card: true, card_name: cardName.trim() } : {}),
          }
    try {
      if (!cookie('csrftoken')) await fetch('/baskets/basket/', { credentials: 'same-origin' })
      const response = await fetch('/storefront/checkout/pay', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrftoken': cookie('csrftoken'), 'idempotency-key': keyRef.current, 'accept-language': language },
        body: JSON.stringify(body),
      })
      const answer = await response.json().catch(() => null)
      if (response.ok && answer?.status === 'succeeded') {
        window.location.assign(answer.result_url)
        return
      }
      if (response.ok && answer?.status === 'three_d') {
        setStatus(c.redirecting)
        window.location.assign(answer.redirect_url)
        return
      }
      keyRef.current = null
      setStatus('')
      if (response.status === 400 && answer && typeof answer === 'object') {
        const server: Record<string, string> = {}
        for (const [key, value] of Object.entries(answer as Record<string, unknown>)) if (Array.isArray(value) && typeof value[0] === 'string') server[key] = value[0]
        setErrors(server)
        setAlert(server.non_field_errors ?? server.pre_order ?? server.installment_count ?? c.fixErrors)
        focusFirst(server)
      } else {
        setAlert((answer && typeof answer.detail === 'string' ? answer.detail : firstMessage(answer)) ?? declineMessage('default', language))
      }
    } catch {
      // The network failed: the key is kept, so pressing Pay again cannot charge twice.
      setStatus('')
      setAlert(language === 'tr' ? 'Bağlantı kurulamadı. Tekrar deneyin.' : 'Could not reach the shop. Please try again.')
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const described = (name: string, hint?: string) => [hint, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="shop-error">
        {errors[name]}
      </p>
    ) : null
  const ref = (name: string) => (element: HTMLElement | null) => {
    fields.current[name] = element
  }

  return (
    <form className="checkout-form" noValidate onSubmit={submit} aria-describedby={alert ? 'checkout-alert' : undefined}>
      <p id="checkout-alert" role="alert" className="shop-error checkout-alert">
        {alert}
      </p>
      {savedCards.length > 0 && (
        <fieldset className="checkout-methods">
          <legend>{c.payWith}</legend>
          <label>
            <input type="radio" name="method" value="card" checked={method === 'card'} onChange={() => (setMethod('card'), changed())} /> {c.newCard}
          </label>
          <label>
            <input type="radio" name="method" value="stored" checked={method === 'stored'} onChange={() => (setMethod('stored'), changed())} /> {c.storedCard}
          </label>
        </fieldset>
      )}

      {method === 'stored' ? (
        <fieldset className="checkout-methods" aria-describedby={described('stored_card')}>
          <legend>{c.savedCard}</legend>
          {savedCards.map((card, index) => (
            <label key={card.pk}>
              <input
                type="radio"
                name="stored_card"
                value={card.pk}
                checked={stored === card.pk}
                ref={index === 0 ? ref('stored_card') : undefined}
                onChange={() => (setStored(card.pk), changed())}
              />{' '}
              {card.name} <code>{card.masked}</code>
            </label>
          ))}
          {error('stored_card')}
        </fieldset>
      ) : (
        <div className="checkout-card">
          <label htmlFor="card_number">{c.cardNumber}</label>
          <input
            id="card_number"
            ref={ref('card_number')}
            inputMode="numeric"
            autoComplete="cc-number"
            value={number}
            maxLength={23}
            aria-invalid={Boolean(errors.card_number)}
            aria-describedby={described('card_number', 'card_number-hint')}
            onChange={(event) => (setNumber(formatCardNumber(event.target.value)), changed())}
          />
          <p id="card_number-hint" className="checkout-hint">
            {c.cardNumberHint}
          </p>
          {error('card_number')}
          <label htmlFor="card_holder">{c.cardHolder}</label>
          <input
            id="card_holder"
            ref={ref('card_holder')}
            autoComplete="cc-name"
            value={holder}
            maxLength={128}
            aria-invalid={Boolean(errors.card_holder)}
            aria-describedby={described('card_holder')}
            onChange={(event) => (setHolder(event.target.value), changed())}
          />
          {error('card_holder')}
          <fieldset className="checkout-expiry">
            <legend>{c.expiry}</legend>
            <div>
              <label htmlFor="card_month">{c.expiryMonth}</label>
              <input
                id="card_month"
                ref={ref('card_month')}
                inputMode="numeric"
                autoComplete="cc-exp-month"
                placeholder="MM"
                maxLength={2}
                value={month}
                aria-invalid={Boolean(errors.card_month)}
                aria-describedby={described('card_month')}
                onChange={(event) => (setMonth(event.target.value.replace(/\D/g, '')), changed())}
              />
              {error('card_month')}
            </div>
            <div>
              <label htmlFor="card_year">{c.expiryYear}</label>
              <input
                id="card_year"
                ref={ref('card_year')}
                inputMode="numeric"
                autoComplete="cc-exp-year"
                placeholder="YYYY"
                maxLength={4}
                value={year}
                aria-invalid={Boolean(errors.card_year)}
                aria-describedby={described('card_year')}
                onChange={(event) => (setYear(event.target.value.replace(/\D/g, '')), changed())}
              />
              {error('card_year')}
            </div>
            <div>
              <label htmlFor="card_cvv">{c.cvv}</label>
              <input
                id="card_cvv"
                ref={ref('card_cvv')}
                inputMode="numeric"
                autoComplete="cc-csc"
                maxLength={4}
                value={cvv}
                aria-invalid={Boolean(errors.card_cvv)}
                aria-describedby={described('card_cvv', 'card_cvv-hint')}
                onChange={(event) => (setCvv(event.target.value.replace(/\D/g, '')), changed())}
              />
              <p id="card_cvv-hint" className="checkout-hint">
                {c.cvvHint}
              </p>
              {error('card_cvv')}
            </div>
          </fieldset>
        </div>
      )}

      <div role="status" className="checkout-detected">
        {lookup?.card ? (
          <span className="shop-logos">
            {lookup.card.bank.logo && <img src={lookup.card.bank.logo} alt={lookup.card.bank.name} width={96} height={32} />}
            {lookup.card.card_type.logo && <img src={lookup.card.card_type.logo} alt={lookup.card.card_type.name} width={51} height={32} />}
            <span>{c.cardDetected(lookup.card.bank.name, lookup.card.name)}</span>
          </span>
        ) : lookup ? (
          <span>{c.unknownBin}</span>
        ) : null}
      </div>

      {plans.length > 0 ? (
        <fieldset className="checkout-plans" aria-describedby={described('installment_count')}>
          <legend>{c.installments}</legend>
          {plans.map((plan) => (
            <label key={plan.count} className="checkout-plan">
              <input type="radio" name="installment_count" value={plan.count} checked={chosen?.count === plan.count} onChange={() => (setCount(plan.count), changed())} />
              <span className="checkout-plan-label">{plan.count === 1 ? c.single : c.countLabel(plan.count)}</span>
              <span className="checkout-plan-monthly">{plan.count === 1 ? '' : c.instalments(plan.count, money(firstInstalment(plan.total, plan.monthly, plan.count)), money(plan.monthly))}</span>
              <span className="checkout-plan-total">{money(plan.total)}</span>
            </label>
          ))}
          {error('installment_count')}
        </fieldset>
      ) : (
        <p className="checkout-hint">{c.enterNumberForPlans}</p>
      )}

      {method === 'card' &&
        (signedIn ? (
          <div className="checkout-save">
            <label>
              <input type="checkbox" checked={save} onChange={(event) => (setSave(event.target.checked), changed())} /> {c.saveCard}
            </label>
            {save && (
              <>
                <label htmlFor="card_name">{c.saveCardName}</label>
                <input
                  id="card_name"
                  ref={ref('card_name')}
                  maxLength={64}
                  value={cardName}
                  aria-invalid={Boolean(errors.card_name)}
                  aria-describedby={described('card_name')}
                  onChange={(event) => (setCardName(event.target.value), changed())}
                />
                {error('card_name')}
              </>
            )}
          </div>
        ) : (
          <p className="checkout-hint">
            <Link href="/storefront/sign-in?next=/storefront/checkout">{c.signInToSave}</Link>
          </p>
        ))}

      <dl className="shop-summary checkout-totals">
        {chosen && chosen.count > 1 && (
          <>
            <dt>{c.interest}</dt>
            <dd>{money(subtract(chosen.total, preOrder.total_amount))}</dd>
          </>
        )}
        <dt>{c.total}</dt>
        <dd className="checkout-grand-total">{money(chosen?.total ?? preOrder.total_amount)}</dd>
      </dl>
      <p role="status" className="shop-ok">
        {status}
      </p>
      <button type="submit" className="shop-button checkout-pay-button" disabled={busy} aria-disabled={busy}>
        {c.pay(money(chosen?.total ?? preOrder.total_amount))}
      </button>
    </form>
  )
}

/** a − b for decimal texts with 2 decimals, exactly (the interest shown; the server recomputes it). */
function subtract(a: string, b: string): string {
  const minor = (text: string) => {
    const [whole, fraction = ''] = text.split('.')
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
  }
  const difference = minor(a) - minor(b)
  const sign = difference < 0n ? '-' : ''
  const abs = difference < 0n ? -difference : difference
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}
