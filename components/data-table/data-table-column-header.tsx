'use client'

import type { ReactNode } from 'react'
import { isNumericColumn } from './data-table-cell'
import type { ColumnSpec } from '@/lib/console/table-spec'

export type SortDirection = 'ascending' | 'descending' | undefined

/** A header cell; a sortable column's is a button cycling ascending → descending → unsorted. */
export function DataTableColumnHeader({ column, sorted, onSort, children }: { column: ColumnSpec; sorted: SortDirection; onSort: () => void; children: ReactNode }) {
  return (
    <th aria-sort={sorted ?? (column.sortable ? 'none' : undefined)} className={isNumericColumn(column) ? 'num' : undefined}>
      {column.sortable ? (
        <button type="button" onClick={onSort}>
          {children}
          <span aria-hidden className={`sort-icon${sorted ? ' active' : ''}`}>
            {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        children
      )}
    </th>
  )
}
