'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { TEXTS, type PageLanguage } from '@/lib/storefront/i18n'
import { fieldErrors, firstError, shopFetch } from './shop-fetch'

export function SignInForm({ language, next }: { language: PageLanguage; next: string }) {
  const t = TEXTS[language]
  const router = useRouter()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="shop-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault()
        const data = new FormData(event.currentTarget)
        setBusy(true)
        const answer = await shopFetch('POST', '/users/login/', { email: data.get('email'), password: data.get('password') })
        setBusy(false)
        if (answer.ok) {
          router.push(next)
          router.refresh()
          return
        }
        setErrors({ ...fieldErrors(answer.body), form: firstError(answer.body, t.error) })
      }}
    >
      <label htmlFor="email">{t.email}</label>
      <input id="email" name="email" type="email" autoComplete="email" required aria-invalid={Boolean(errors.email)} aria-describedby={errors.email ? 'email-error' : undefined} />
      {errors.email && <p id="email-error" className="shop-error">{errors.email}</p>}
      <label htmlFor="password">{t.password}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(errors.password)} aria-describedby={errors.password ? 'password-error' : undefined} />
      {errors.password && <p id="password-error" className="shop-error">{errors.password}</p>}
      {errors.form && (
        <p role="alert" className="shop-error">
          {errors.non_field_errors ?? errors.form}
        </p>
      )}
      <button type="submit" className="shop-button" disabled={busy}>
        {t.signIn}
      </button>
    </form>
  )
}
