'use client'

import { useEffect, useRef, useState } from 'react'
import type { VisibilityState } from '@tanstack/react-table'
import type { ColumnSpec } from '@/lib/console/table-spec'
import { useHydrated } from '../use-hydrated'

/** The "Columns" menu: a checkbox per column; closes on a click outside or Escape. */
export function DataTableViewOptions({ columns, visibility, onToggle }: { columns: ColumnSpec[]; visibility: VisibilityState; onToggle: (id: string, visible: boolean) => void }) {
  const [open, setOpen] = useState(false)
  const hydrated = useHydrated()
  const ref = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!open) return
    const onClick = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false)
        button.current?.focus()
      }
    }
    document.addEventListener('click', onClick)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('click', onClick)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])
  return (
    <div className="menu" ref={ref}>
      <button ref={button} type="button" className="btn btn-sm menu-button" aria-expanded={open} aria-haspopup="true" disabled={!hydrated} onClick={() => setOpen((current) => !current)}>
        Columns
      </button>
      {open ? (
        <div className="menu-popover" role="group" aria-label="Visible columns">
          {columns.map((column) => (
            <label key={column.id} className="checkbox menu-item">
              <input type="checkbox" checked={visibility[column.id] !== false} onChange={(event) => onToggle(column.id, event.target.checked)} />
              {column.header}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  )
}
