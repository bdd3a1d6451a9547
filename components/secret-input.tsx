'use client'

import { forwardRef, useState, type InputHTMLAttributes } from 'react'

/** A masked input with a reveal toggle ("Show <label>"), for gateway passwords and keys. */
export const SecretInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: string }>(function SecretInput(
  { label, className, ...props },
  ref,
) {
  const [visible, setVisible] = useState(false)
  return (
    <div className="input-group">
      <input ref={ref} {...props} className={`input secret-reveal ${className ?? ''}`} type={visible ? 'text' : 'password'} autoComplete="new-password" spellCheck={false} />
      <button
        type="button"
        className="btn btn-icon-text"
        aria-pressed={visible}
        aria-label={`Show ${label}`}
        onClick={() => setVisible((current) => !current)}
      >
        {visible ? 'Hide' : 'Show'}
      </button>
    </div>
  )
})
