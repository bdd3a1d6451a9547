'use client'

import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A modal confirmation on the native <dialog>: focus is trapped and restored by the browser,
 * Escape cancels, and it is announced as a dialog.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel = 'Delete',
  danger = true,
  pending = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  children?: ReactNode
  confirmLabel?: string
  danger?: boolean
  pending?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (!pending) onCancel()
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog box itself, outside its content) cancels.
        if (event.target === ref.current && !pending) onCancel()
      }}
    >
      {open ? (
        <div className="dialog-content">
          <h2 id={titleId}>{title}</h2>
          {children ? <div className="dialog-body">{children}</div> : null}
          {error ? (
            <div className="form-error" role="alert">
              {error}
            </div>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onCancel} disabled={pending}>
              Cancel
            </button>
            <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onClick={onConfirm} disabled={pending} autoFocus>
              {pending ? <span className="spinner" aria-hidden /> : null}
              {confirmLabel}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  )
}
