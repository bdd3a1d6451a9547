import type { ReactNode } from 'react'

/** The selected rows' count and controls, laid over the header row so choosing rows never moves the table. */
export function DataTableBulkBar({ count, children }: { count: number; children: ReactNode }) {
  return (
    <div className="bulk-bar" role="group" aria-label="Selected rows">
      <span className="muted">{count} selected</span>
      {children}
    </div>
  )
}
