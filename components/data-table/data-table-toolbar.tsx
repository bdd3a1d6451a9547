'use client'

import type { ReactNode } from 'react'
import type { FilterSpec } from '@/lib/console/table-spec'
import { inSentence } from '@/lib/console/format'
import { DataTableFilterSelect } from './data-table-filter-select'
import { DataTableFilterText } from './data-table-filter-text'

/** The filters (one control per filter, by its type) and, at the right, the table's own controls. */
export function DataTableToolbar({
  caption,
  filters,
  idPrefix,
  valueOf,
  onFilter,
  onClear,
  children,
}: {
  caption: string
  filters: FilterSpec[]
  idPrefix: string
  valueOf: (param: string) => string
  onFilter: (param: string, value: string) => void
  onClear?: () => void
  /** Right-hand controls (columns menu, export, the page's own). */
  children: ReactNode
}) {
  return (
    <div className="table-toolbar">
      <div className="table-filters" role="search" aria-label={`Filter ${inSentence(caption)}`}>
        {filters.map((filter) => {
          const Control = filter.type === 'select' || filter.type === 'boolean' ? DataTableFilterSelect : DataTableFilterText
          return <Control key={filter.param} idPrefix={idPrefix} filter={filter} urlValue={valueOf(filter.param)} onCommit={(value) => onFilter(filter.param, value)} />
        })}
        {onClear ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="row">{children}</div>
    </div>
  )
}
