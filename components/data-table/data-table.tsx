'use client'

import { Fragment, useMemo, useState, type ReactNode } from 'react'
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table'
import type { ColumnSpec, FilterSpec, ListState } from '@/lib/console/table-spec'
import { useHydrated } from '../use-hydrated'
import { DataTableBulkBar } from './data-table-bulk-bar'
import { DataTableCell, fillTemplate, isNumericColumn, type Row } from './data-table-cell'
import { DataTableColumnHeader } from './data-table-column-header'
import { DataTableEmpty, type EmptyText } from './data-table-empty'
import { DataTableExport } from './data-table-export'
import { DataTablePagination } from './data-table-pagination'
import { DataTableDetailsToggle, type RowDetails } from './data-table-row-details'
import { DataTableToolbar } from './data-table-toolbar'
import { DataTableViewOptions } from './data-table-view-options'
import { useColumnVisibility } from './use-column-visibility'
import { useRowSelection } from './use-row-selection'
import { useTableUrlState } from './use-table-url-state'

export type { Row }

export interface DataTableProps extends ListState {
  /** Accessible name of the table (e.g. "Banks"). */
  caption: string
  columns: ColumnSpec[]
  filters?: FilterSpec[]
  /** A CSV route; the current filters and ordering are appended. */
  exportHref?: string
  empty?: EmptyText
  rowKey?: string
  /** Rows that open a panel below them, rendered by the page (the audit log's field-by-field changes). */
  details?: RowDetails
  /** Controls shown at the right of the toolbar (rendered by the server page). */
  toolbar?: ReactNode
  /** Per-row buttons, for client wrappers (functions cannot come from a server page). */
  rowActions?: (row: Row) => ReactNode
  /**
   * Prefix of this table's URL parameters, so two tables on one page (a card and its BIN numbers)
   * keep separate pages, orderings and filters: `bins.page=2&bins.bin_number_length=8`.
   */
  paramPrefix?: string
  /** Parameters the CSV export must add (the parent filter of a sub-table, e.g. `{ bank: '5' }`). */
  exportParams?: Record<string, string>
  /** Row checkboxes; the toolbar then shows these controls for the selected rows (client wrappers only). */
  bulkActions?: (selected: Row[], clear: () => void) => ReactNode
  /** The text naming a row to screen readers ("Select 45001234"). */
  rowLabel?: string
  /** Replaces a cell's rendering (inline editing); undefined keeps the column kind's renderer. */
  renderCell?: (column: ColumnSpec, row: Row) => ReactNode | undefined
}

/**
 * The console's list table. The server page reads the list with the API's own parser and hands over
 * one page; every control here only changes the URL (page, limit, ordering, filters, visible columns),
 * so a reload or a shared link shows the same view and the server stays the one source of data.
 */
export function DataTable(props: DataTableProps) {
  const { caption, columns: specs, rows, count, page, limit, ordering, filters = [], exportHref, empty, rowKey = 'pk', details, toolbar, error, rowActions, paramPrefix = '', exportParams, bulkActions, rowLabel = 'name', renderCell } = props
  const { searchParams, get, navigate, pending } = useTableUrlState(paramPrefix)
  const hydrated = useHydrated()
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})
  const idOf = (row: Row, index: number) => String(row[rowKey] ?? index)
  const selection = useRowSelection(rows, idOf)
  const { visibility, toggle: toggleColumn } = useColumnVisibility(specs, get('columns'), navigate)

  const first = ordering.split(',')[0] ?? ''
  const sorting: SortingState = first ? [{ id: first.replace(/^-/, ''), desc: first.startsWith('-') }] : []

  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      specs.map((spec) => ({
        id: spec.id,
        accessorFn: (row: Row) => row[spec.id],
        header: spec.header,
        enableSorting: spec.sortable,
        cell: ({ row }) => renderCell?.(spec, row.original) ?? <DataTableCell column={spec} row={row.original} />,
        meta: spec,
      })),
    [specs, renderCell],
  )

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: idOf,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: count,
    state: { sorting, columnVisibility: visibility, pagination: { pageIndex: page - 1, pageSize: limit } },
  })

  const filtered = filters.some((filter) => get(filter.param))
  const clearFilters = () => navigate(Object.fromEntries(filters.map((filter) => [filter.param, null])))
  const toggleSort = (id: string) => {
    const current = sorting[0]
    navigate({ ordering: current?.id !== id ? id : !current.desc ? `-${id}` : null })
  }
  const sortOf = (id: string) => (sorting[0]?.id === id ? (sorting[0].desc ? 'descending' : 'ascending') : undefined)
  const visibleCount = table.getVisibleLeafColumns().length + (details ? 1 : 0) + (rowActions ? 1 : 0) + (bulkActions ? 1 : 0)

  return (
    <div className="panel data-table">
      <DataTableToolbar
        caption={caption}
        filters={filters}
        idPrefix={paramPrefix}
        valueOf={(param) => get(param) ?? ''}
        onFilter={(param, value) => navigate({ [param]: value })}
        onClear={filtered ? clearFilters : undefined}
      >
        {toolbar}
        <DataTableViewOptions columns={specs} visibility={visibility} onToggle={toggleColumn} />
        {exportHref ? <DataTableExport href={exportHref} searchParams={searchParams} prefix={paramPrefix} extra={exportParams} /> : null}
      </DataTableToolbar>
      {error ? (
        <div className="table-message form-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="table-wrap">
        {bulkActions && selection.selectedRows.length ? <DataTableBulkBar count={selection.selectedRows.length}>{bulkActions(selection.selectedRows, selection.clear)}</DataTableBulkBar> : null}
        <table className="data" aria-busy={pending || undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {bulkActions ? (
                  <th className="select-col">
                    <input type="checkbox" aria-label="Select all rows on this page" checked={selection.allSelected} onChange={(event) => selection.selectAll(event.target.checked)} />
                  </th>
                ) : null}
                {details ? (
                  <th className="expand-col">
                    <span className="visually-hidden">Details</span>
                  </th>
                ) : null}
                {group.headers.map((header) => (
                  <DataTableColumnHeader key={header.id} column={header.column.columnDef.meta as ColumnSpec} sorted={sortOf(header.column.id)} onSort={() => toggleSort(header.column.id)}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </DataTableColumnHeader>
                ))}
                {rowActions ? (
                  <th className="actions-col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            ))}
          </thead>
          <tbody className={pending ? 'is-pending' : undefined}>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr aria-selected={bulkActions ? selection.isSelected(row.id) : undefined}>
                  {bulkActions ? (
                    <td className="select-col">
                      <input type="checkbox" aria-label={`Select ${String(row.original[rowLabel] ?? row.id)}`} checked={selection.isSelected(row.id)} onChange={(event) => selection.select(row.id, event.target.checked)} />
                    </td>
                  ) : null}
                  {details ? <DataTableDetailsToggle open={Boolean(expanded[row.id])} label={fillTemplate(details.label, row.original)} onToggle={() => setExpanded((current) => ({ ...current, [row.id]: !current[row.id] }))} /> : null}
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={isNumericColumn(cell.column.columnDef.meta as ColumnSpec) ? 'num' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                  {rowActions ? <td className="actions-col">{rowActions(row.original)}</td> : null}
                </tr>
                {details && expanded[row.id] ? (
                  <tr className="expanded-row">
                    <td colSpan={visibleCount}>{details.byRow[row.id]}</td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error ? <DataTableEmpty caption={caption} filtered={filtered} empty={empty} onClear={clearFilters} /> : null}
      </div>
      <DataTablePagination id={`${paramPrefix || caption}-page-size`} page={page} limit={limit} count={count} disabled={pending || !hydrated} navigate={navigate} />
    </div>
  )
}
