'use client'

import { KeptSelect } from '../kept-controls'
import type { FilterControlProps } from './data-table-filter-text'

const YES_NO = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
]

/** A chosen filter (a reference, a choice, yes/no): applied as soon as it is chosen. */
export function DataTableFilterSelect({ filter, urlValue, onCommit, idPrefix }: FilterControlProps) {
  const id = `filter-${idPrefix}${filter.param}`
  const options = filter.type === 'boolean' ? YES_NO : filter.options ?? []
  return (
    <div className="field">
      <label htmlFor={id}>{filter.label}</label>
      <KeptSelect id={id} className="select" value={urlValue} onChange={(event) => onCommit(event.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </KeptSelect>
    </div>
  )
}
