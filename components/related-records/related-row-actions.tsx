'use client'

import type { ReactNode } from 'react'

/**
 * A related record's buttons: save or discard its inline draft, move it up or down, edit it in the
 * dialog, delete or deactivate it. Each button names its row for screen readers.
 */
export function RelatedRowActions({
  name,
  busy,
  hydrated,
  draft,
  move,
  onEdit,
  remove,
}: {
  /** The row's label ("8 installments", "45001234"). */
  name: string
  /** An action of this list is on its way. */
  busy: boolean
  hydrated: boolean
  draft?: { onSave: () => void; onDiscard: () => void }
  move?: { canUp: boolean; canDown: boolean; onMove: (direction: 'up' | 'down') => void }
  onEdit: () => void
  remove?: { verb: string; onRemove: () => void }
}) {
  const button = (label: string, text: ReactNode, onClick: () => void, className: string, disabled: boolean) => (
    <button type="button" className={['btn btn-sm', className].filter(Boolean).join(' ')} disabled={disabled} onClick={onClick} aria-label={label}>
      {text}
    </button>
  )
  return (
    <span className="row-actions">
      {draft ? (
        <>
          {button(`Save ${name}`, 'Save', draft.onSave, 'btn-primary', busy)}
          {button(`Discard changes to ${name}`, 'Discard', draft.onDiscard, 'btn-ghost', busy)}
        </>
      ) : null}
      {move ? (
        <>
          {button(`Move ${name} up`, '↑', () => move.onMove('up'), 'btn-ghost btn-icon', busy || !hydrated || !move.canUp)}
          {button(`Move ${name} down`, '↓', () => move.onMove('down'), 'btn-ghost btn-icon', busy || !hydrated || !move.canDown)}
        </>
      ) : null}
      {button(`Edit ${name}`, 'Edit', onEdit, '', !hydrated)}
      {remove ? button(`${remove.verb} ${name}`, remove.verb, remove.onRemove, 'btn-danger-outline', !hydrated) : null}
    </span>
  )
}
