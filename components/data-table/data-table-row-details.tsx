'use client'

import type { ReactNode } from 'react'

/** Rows that open a panel below them; the panels are rendered by the page, keyed by row id. */
export interface RowDetails {
  /** What the toggle shows or hides, with `{field}`s from the row: "changes of entry {pk}". */
  label: string
  byRow: Record<string, ReactNode>
}

export function DataTableDetailsToggle({ open, label, onToggle }: { open: boolean; label: string; onToggle: () => void }) {
  return (
    <td className="expand-col">
      <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} ${label}`} onClick={onToggle}>
        <span aria-hidden>{open ? '▾' : '▸'}</span>
      </button>
    </td>
  )
}
