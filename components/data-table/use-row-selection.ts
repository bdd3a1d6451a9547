'use client'

import { useEffect, useState } from 'react'
import type { Row } from './data-table-cell'

/** Rows chosen by their checkboxes; a new page of rows starts with none chosen. */
export function useRowSelection(rows: Row[], idOf: (row: Row, index: number) => string) {
  const [selected, setSelected] = useState<Record<string, boolean>>({})
  useEffect(() => setSelected({}), [rows])
  const selectedRows = rows.filter((row, index) => selected[idOf(row, index)])
  return {
    isSelected: (id: string) => Boolean(selected[id]),
    selectedRows,
    allSelected: rows.length > 0 && selectedRows.length === rows.length,
    select: (id: string, on: boolean) => setSelected((current) => ({ ...current, [id]: on })),
    selectAll: (on: boolean) => setSelected(on ? Object.fromEntries(rows.map((row, index) => [idOf(row, index), true])) : {}),
    clear: () => setSelected({}),
  }
}
