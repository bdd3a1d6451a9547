'use client'

import type { ReactNode } from 'react'
import type { FieldErrors as FormErrors, UseFormRegisterReturn } from 'react-hook-form'
import type { FieldSpec, FormValues, Option } from '@/lib/console/field-spec'
import { isHttpUrl } from '@/lib/resource/fields'
import { FieldMessages } from '../field-messages'
import { SecretInput } from '../secret-input'

/** The hint under a field: its own help, or what its kind accepts. */
function hintFor(spec: FieldSpec): string | undefined {
  if (spec.jsonList) return `${spec.help ? `${spec.help} ` : ''}A JSON list, e.g. [{"key": "value"}].`
  if (spec.help) return spec.help
  if (spec.kind === 'slug') return 'Letters, numbers, hyphens and underscores.'
  if (spec.kind === 'json') return 'A JSON object, e.g. {"key": "value"}.'
  if (spec.kind === 'decimal' && spec.decimalPlaces) return `Up to ${spec.decimalPlaces} decimal places.`
  return undefined
}

/** A field's label, control and messages, chosen by its kind and presentation widget. */
export function FieldControl({
  spec,
  registration,
  errors,
  options,
  value,
  initial,
  idPrefix,
}: {
  idPrefix: string
  spec: FieldSpec
  registration: UseFormRegisterReturn
  errors: FormErrors<FormValues>
  options?: Option[]
  value: unknown
  /** The form's default for the field, rendered by the server so the page shows it before hydration. */
  initial: unknown
}) {
  const id = `${idPrefix}-${spec.name}`
  const error = errors[spec.name]?.message as string | undefined
  const hint = hintFor(spec)
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': spec.required || undefined }
  const defaultValue = typeof initial === 'string' ? initial : undefined
  const label = (
    <label htmlFor={id} className={spec.required ? 'is-required' : undefined}>
      {spec.label}
    </label>
  )
  const messages = <FieldMessages id={id} hint={hint} error={error} />

  if (spec.kind === 'boolean') {
    return (
      <div className="field field-checkbox">
        <label className="checkbox" htmlFor={id}>
          <input type="checkbox" defaultChecked={initial === true} {...common} {...registration} />
          {spec.label}
        </label>
        {messages}
      </div>
    )
  }

  let control: ReactNode
  if (spec.kind === 'choice' || spec.kind === 'fk') {
    const choices = spec.kind === 'choice' ? (spec.choices ?? []).map((choice) => ({ value: choice.value, label: choice.display_name })) : options ?? []
    control = (
      <select className="select" defaultValue={defaultValue} {...common} {...registration}>
        <option value="">{spec.required ? 'Select…' : 'None'}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    )
  } else if (spec.kind === 'json' || spec.widget === 'textarea') {
    control = <textarea className="textarea" rows={spec.kind === 'json' ? 6 : 3} spellCheck={false} defaultValue={defaultValue} {...common} {...registration} />
  } else if (spec.widget === 'secret') {
    control = <SecretInput label={spec.label} defaultValue={defaultValue} {...common} {...registration} />
  } else {
    const inputMode = spec.kind === 'integer' ? 'numeric' : spec.kind === 'decimal' ? 'decimal' : spec.kind === 'url' ? 'url' : undefined
    control = <input className="input" type="text" inputMode={inputMode} autoComplete="off" defaultValue={defaultValue} {...common} {...registration} />
    if (spec.widget === 'image-url') {
      const url = typeof value === 'string' ? value.trim() : ''
      control = (
        <div className="input-with-preview">
          {control}
          <div className="image-preview" aria-hidden>
            {/* eslint-disable-next-line @next/next/no-img-element -- arbitrary logo hosts */}
            {url && isHttpUrl(url) ? <img src={url} alt="" /> : <span className="faint">No logo</span>}
          </div>
        </div>
      )
    }
  }
  return (
    <div className={`field${spec.kind === 'json' || spec.widget === 'textarea' ? ' field-wide' : ''}`}>
      {label}
      {control}
      {messages}
    </div>
  )
}
