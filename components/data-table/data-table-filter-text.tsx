'use client'

import { useEffect, useRef, useState } from 'react'
import type { FilterSpec } from '@/lib/console/table-spec'
import { KeptInput } from '../kept-controls'

export interface FilterControlProps {
  filter: FilterSpec
  /** The filter's value in the URL now. */
  urlValue: string
  onCommit: (value: string) => void
  /** The table's URL prefix, so two tables on a page have distinct ids. */
  idPrefix: string
}

/** A typed filter (text, number, date): applied 400 ms after the last key, at once on Enter. */
export function DataTableFilterText({ filter, urlValue, onCommit, idPrefix }: FilterControlProps) {
  const [value, setValue] = useState(urlValue)
  const input = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const seenUrlValue = useRef(urlValue)
  useEffect(() => {
    // Follow the URL when it changes (back button, "Clear filters") unless the user is typing in this box.
    if (seenUrlValue.current === urlValue) return
    seenUrlValue.current = urlValue
    if (document.activeElement !== input.current) setValue(urlValue)
  }, [urlValue])
  useEffect(() => () => clearTimeout(timer.current), [])
  const id = `filter-${idPrefix}${filter.param}`
  return (
    <div className="field">
      <label htmlFor={id}>{filter.label}</label>
      <KeptInput
        ref={input}
        id={id}
        className="input"
        type={filter.type === 'number' ? 'number' : filter.type === 'date' ? 'date' : 'search'}
        inputMode={filter.type === 'number' ? 'numeric' : undefined}
        placeholder={filter.placeholder}
        value={value}
        onChange={(event) => {
          const next = event.target.value
          setValue(next)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => onCommit(next.trim()), filter.type === 'date' ? 0 : 400)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            clearTimeout(timer.current)
            onCommit(value.trim())
          }
        }}
      />
    </div>
  )
}
