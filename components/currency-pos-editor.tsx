'use client'

import { useMemo } from 'react'
import type { Option } from '@/lib/console/field-spec'
import { FieldMessages, JsonTextFallback, type JsonEditorProps } from './field-messages'
import { KeptInput, KeptSelect } from './kept-controls'

type Item = { currency: string; cash_payment: number | ''; installment_payment: number | ''; three_d_payment: number | null }

const POS_KEYS = [
  ['cash_payment', 'Single Payment POS'],
  ['installment_payment', 'Installments POS'],
  ['three_d_payment', '3D POS'],
] as const

function parse(text: string): Item[] | null {
  if (!text.trim()) return []
  try {
    const value = JSON.parse(text)
    return Array.isArray(value) ? (value as Item[]) : null
  } catch {
    return null
  }
}

/**
 * A card's per-currency POS as rows (currency and its three POS) instead of JSON. The value stays the
 * JSON text the field's parser reads, so validation and the server see exactly what the API would.
 */
export function CurrencyPosEditor({
  id,
  label,
  value,
  options,
  disabled,
  error,
  hint,
  onChange,
}: JsonEditorProps & { options: Option[] }) {
  const items = useMemo(() => parse(value), [value])
  if (items === null) return <JsonTextFallback id={id} label={label} value={value} disabled={disabled} hint={hint} error={error} onChange={onChange} />
  // An unchosen POS is left out, so the card's parser says "This field is required." about it.
  const write = (next: Item[]) => onChange(JSON.stringify(next, (key, entry) => (entry === '' && key !== 'currency' ? undefined : entry)))
  const update = (index: number, change: Partial<Item>) => write(items.map((item, at) => (at === index ? { ...item, ...change } : item)))
  return (
    <fieldset className="field field-wide currency-pos" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} disabled={disabled}>
      <legend className="label">{label}</legend>
      {items.length ? (
        <div className="table-wrap">
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              {POS_KEYS.map(([, heading]) => (
                <th scope="col" key={heading}>
                  {heading}
                </th>
              ))}
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={index}>
                <td>
                  <KeptInput
                    className="input input-inline currency-code"
                    aria-label={`Currency ${index + 1}`}
                    maxLength={3}
                    value={item.currency ?? ''}
                    placeholder="USD"
                    onChange={(event) => update(index, { currency: event.target.value.toUpperCase() })}
                  />
                </td>
                {POS_KEYS.map(([key, heading]) => (
                  <td key={key}>
                    <KeptSelect
                      className="select select-sm"
                      aria-label={`${heading} for ${item.currency || `currency ${index + 1}`}`}
                      value={item[key] === null || item[key] === undefined ? '' : String(item[key])}
                      onChange={(event) => update(index, { [key]: event.target.value === '' ? (key === 'three_d_payment' ? null : '') : Number(event.target.value) })}
                    >
                      <option value="">{key === 'three_d_payment' ? 'None' : 'Select…'}</option>
                      {options.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </KeptSelect>
                  </td>
                ))}
                <td className="actions-col">
                  <button type="button" className="btn btn-sm btn-ghost" aria-label={`Remove ${item.currency || `currency ${index + 1}`}`} onClick={() => write(items.filter((_, at) => at !== index))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          No currency has its own POS: every payment uses the card&apos;s POS.
        </p>
      )}
      <div>
        <button type="button" className="btn btn-sm" onClick={() => write([...items, { currency: '', cash_payment: '', installment_payment: '', three_d_payment: null }])}>
          Add currency
        </button>
      </div>
      <FieldMessages id={id} hint={hint} error={error} />
    </fieldset>
  )
}
