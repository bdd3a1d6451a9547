'use client'

import type { FieldErrors, UseFormRegister } from 'react-hook-form'
import type { ConfigFields } from '@/lib/gateways/config-fields'
import type { FormValues } from '@/lib/console/field-spec'
import { FieldMessages } from './field-messages'
import { SecretInput } from './secret-input'

type Errors = Record<string, unknown> | undefined

function messageAt(errors: Errors, key: string): string | undefined {
  const entry = errors?.[key] as { message?: unknown } | undefined
  return typeof entry?.message === 'string' ? entry.message : undefined
}

/**
 * The config inputs of the chosen gateway, generated from its declared config fields: nested objects
 * as groups, choices as selects, secrets masked with a reveal toggle.
 */
export function GatewayConfigFields({
  fields,
  register,
  errors,
  path = 'config',
  idPrefix,
}: {
  fields: ConfigFields
  register: UseFormRegister<FormValues>
  errors: FieldErrors<FormValues> | Errors
  path?: string
  idPrefix: string
}) {
  const entries = Object.entries(fields)
  if (!entries.length) return <p className="hint">This gateway needs no settings here.</p>
  return (
    <div className="config-grid">
      {entries.map(([key, field]) => {
        const name = `${path}.${key}`
        const id = `${idPrefix}-${name.replace(/\./g, '-')}`
        const nested = (errors as Errors)?.[key] as Errors
        if (field.kind === 'object') {
          if (!Object.keys(field.fields).length) return null
          return (
            <fieldset key={key} className="config-group">
              <legend>{field.label}</legend>
              <GatewayConfigFields fields={field.fields} register={register} errors={nested} path={name} idPrefix={idPrefix} />
            </fieldset>
          )
        }
        const error = messageAt(errors as Errors, key)
        const describedBy = [field.help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
        const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, ...register(name) }
        const messages = <FieldMessages id={id} hint={field.help} error={error} />
        if (field.kind === 'boolean')
          return (
            <div key={key} className="field field-checkbox">
              <label className="checkbox" htmlFor={id}>
                <input type="checkbox" {...common} />
                {field.label}
              </label>
              {messages}
            </div>
          )
        const required = field.required && field.default === undefined
        return (
          <div key={key} className="field">
            <label htmlFor={id} className={required ? 'is-required' : undefined}>
              {field.label}
            </label>
            {field.kind === 'choice' ? (
              <select className="select" {...common}>
                {required ? <option value="">Select…</option> : null}
                {field.choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.display_name}
                  </option>
                ))}
              </select>
            ) : field.secret ? (
              <SecretInput label={field.label} {...common} />
            ) : (
              <input className="input" type="text" autoComplete="off" inputMode={field.kind === 'integer' ? 'numeric' : field.kind === 'url' ? 'url' : undefined} {...common} />
            )}
            {messages}
          </div>
        )
      })}
    </div>
  )
}
