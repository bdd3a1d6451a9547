'use client'

import { useState, type FormEvent } from 'react'
import { useToast } from '@/components/toast'
import { changePasswordAction } from '@/lib/auth/account-actions'

const FIELDS = [
  { name: 'current_password', label: 'Current password', autoComplete: 'current-password' },
  { name: 'new_password', label: 'New password', autoComplete: 'new-password' },
  { name: 'confirm_password', label: 'New password again', autoComplete: 'new-password' },
] as const

type Name = (typeof FIELDS)[number]['name']

/** Current password, new one twice; the server checks all of it (and throttles wrong current passwords). */
export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const toast = useToast()
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const values = Object.fromEntries(FIELDS.map((field) => [field.name, String(new FormData(form).get(field.name) ?? '')]))
    setPending(true)
    try {
      const result = await changePasswordAction(values)
      if (!result.ok) {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([name, messages]) => [name, messages.join(' ')])))
        setFormError(result.formError)
        return
      }
      setErrors({})
      setFormError(null)
      form.reset()
      toast('Password changed. Your other sessions were signed out.')
    } finally {
      setPending(false)
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      {/* For password managers: which account this form changes. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <fieldset className="stack" disabled={pending} style={{ border: 0, padding: 0, margin: 0 }}>
        {formError ? (
          <div className="form-error" role="alert">
            {formError}
          </div>
        ) : null}
        {FIELDS.map((field) => {
          const error = errors[field.name]
          const hint = field.name === 'new_password' ? `${field.name}-hint` : undefined
          return (
            <div className="field" key={field.name}>
              <label htmlFor={field.name}>{field.label}</label>
              <input
                id={field.name}
                name={field.name}
                type="password"
                className="input"
                autoComplete={field.autoComplete}
                aria-invalid={error ? true : undefined}
                aria-describedby={[hint, error ? `${field.name}-error` : undefined].filter(Boolean).join(' ') || undefined}
              />
              {hint ? (
                <span className="hint" id={hint}>
                  At least {minLength} characters.
                </span>
              ) : null}
              {error ? (
                <span className="error" id={`${field.name}-error`}>
                  {error}
                </span>
              ) : null}
            </div>
          )
        })}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? <span className="spinner" aria-hidden /> : null}
          Change password
        </button>
      </div>
    </form>
  )
}
