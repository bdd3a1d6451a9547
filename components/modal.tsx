'use client'

import { useEffect, useId, useRef, type ReactNode } from 'react'

/** A modal on the native <dialog> (focus trap, Escape, backdrop); rendered only while open. */
export function Modal({ title, onClose, children, wide = false, closable = true }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; closable?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    // Focus goes back where it was (the "Add" or "Edit" button) when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    return () => {
      dialog?.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (closable) onClose()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  )
}
