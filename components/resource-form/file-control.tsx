'use client'

import { useEffect, useState } from 'react'
import type { FieldSpec } from '@/lib/console/field-spec'
import { FieldMessages } from '../field-messages'

/** An upload with a preview of the stored image or of the chosen file, and removal when the field allows it. */
export function FileControl({
  spec,
  idPrefix,
  current,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec
  idPrefix: string
  current: unknown
  value: unknown
  error?: string
  onChange: (value: File | '' | undefined) => void
}) {
  const id = `${idPrefix}-${spec.name}`
  const [preview, setPreview] = useState<string | null>(null)
  useEffect(() => {
    if (!(value instanceof File)) return setPreview(null)
    const url = URL.createObjectURL(value)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [value])
  const removed = value === ''
  const shown = preview ?? (removed || !current ? null : String(current))
  const limit = spec.maxBytes ? `${Math.round(spec.maxBytes / 1024 / 1024) || 1} MB` : ''
  const hint = `${spec.image ? 'PNG, JPEG, GIF, WebP or SVG' : 'Any file'}${limit ? `, up to ${limit}` : ''}.`
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <div className="file-field">
        <div className="image-preview large" aria-hidden>
          {/* eslint-disable-next-line @next/next/no-img-element -- previews of uploads and stored media */}
          {shown ? <img src={shown} alt="" /> : <span className="faint">No {spec.label.toLowerCase()}</span>}
        </div>
        <div className="stack" style={{ gap: 6, minWidth: 0 }}>
          <input
            id={id}
            type="file"
            className="input file-input"
            accept={spec.image ? 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml' : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(event) => onChange(event.target.files?.[0] ?? undefined)}
          />
          {spec.nullable && (current || value instanceof File) && !removed ? (
            <button type="button" className="link-button" onClick={() => onChange('')}>
              Remove {spec.label.toLowerCase()}
            </button>
          ) : null}
          {removed ? <span className="hint">Removed when you save.</span> : null}
        </div>
      </div>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}
