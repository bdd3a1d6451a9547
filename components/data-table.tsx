'use client'

import { Fragment, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react'
import Link from 'next/link'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type VisibilityState } from '@tanstack/react-table'
import type { ColumnSpec, FilterSpec, ListState } from '@/lib/console/table-spec'
import { PAGE_SIZES } from '@/lib/console/table-spec'
import { formatDateTime, inSentence } from '@/lib/console/format'
import { AuditChanges } from './audit-changes'
import { KeptInput, KeptSelect } from './kept-controls'
import { useHydrated } from './use-hydrated'

type Row = Record<string, unknown>

export interface DataTableProps extends ListState {
  /** Accessible name of the table (e.g. "Banks"). */
  caption: string
  columns: ColumnSpec[]
  filters?: FilterSpec[]
  /** A CSV route; the current filters and ordering are appended. */
  exportHref?: string
  empty?: { title: string; text?: string; action?: { label: string; href: string } }
  rowKey?: string
  /** Rows that open a detail panel below them (the audit log's field-by-field changes). */
  expand?: 'audit-changes'
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

/** Query parameters that are table state rather than list filters. */
const TABLE_PARAMS = new Set(['page', 'limit', 'ordering', 'columns'])

function fill(template: string, row: Row): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(row[key] ?? '')))
}

function Cell({ column, row }: { column: ColumnSpec; row: Row }) {
  const value = row[column.id]
  const blank = <span className="faint">—</span>
  switch (column.kind) {
    case 'link':
      if (column.hrefField) return typeof row[column.hrefField] === 'string' ? <Link href={String(row[column.hrefField])} className="cell-link">{String(value ?? '—')}</Link> : <>{String(value ?? '—')}</>
      return column.href ? <Link href={fill(column.href, row)} className="cell-link">{String(value ?? '—')}</Link> : <>{String(value ?? '')}</>
    case 'image':
      // eslint-disable-next-line @next/next/no-img-element -- merchants' logo URLs on any host
      return value ? <img className="logo-thumb" src={String(value)} alt="" loading="lazy" /> : blank
    case 'boolean':
      return value ? <span className="badge badge-success">Yes</span> : <span className="badge">No</span>
    case 'datetime':
      return value ? <time dateTime={String(value)}>{formatDateTime(String(value))}</time> : blank
    case 'reference':
      return value === null || value === undefined ? blank : <>{String(row[`${column.id}__display`] ?? `#${value}`)}</>
    case 'choice': {
      const label = column.choices?.find((choice) => choice.value === value)?.label
      return value === null || value === undefined ? blank : <span className="badge badge-accent">{label ?? String(value)}</span>
    }
    case 'mono':
      return value === null || value === undefined || value === '' ? blank : <code>{String(value)}</code>
    default:
      if (value === null || value === undefined || value === '') return blank
      return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>
  }
}

function TextFilter({ filter, urlValue, onCommit, idPrefix }: { filter: FilterSpec; urlValue: string; onCommit: (value: string) => void; idPrefix: string }) {
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

function SelectFilter({ filter, urlValue, onCommit, idPrefix }: { filter: FilterSpec; urlValue: string; onCommit: (value: string) => void; idPrefix: string }) {
  const id = `filter-${idPrefix}${filter.param}`
  const options = filter.type === 'boolean' ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] : filter.options ?? []
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

function ColumnMenu({ columns, visibility, onToggle }: { columns: ColumnSpec[]; visibility: VisibilityState; onToggle: (id: string, visible: boolean) => void }) {
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

/**
 * The console's list table. The server page reads the list with the API's own parser and hands over
 * one page; every control here only changes the URL (page, limit, ordering, filters, visible columns),
 * so a reload or a shared link shows the same view and the server stays the one source of data.
 */
export function DataTable(props: DataTableProps) {
  const { caption, columns: specs, rows, count, page, limit, ordering, filters = [], exportHref, empty, rowKey = 'pk', expand, toolbar, error, rowActions, paramPrefix = '', exportParams, bulkActions, rowLabel = 'name', renderCell } = props
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})

  const [selected, setSelected] = useState<Record<string, boolean>>({})
  useEffect(() => setSelected({}), [rows])
  const param = (name: string) => `${paramPrefix}${name}`
  const get = (name: string) => searchParams.get(param(name))

  // Changes asked for while an earlier navigation is still on its way build on it, not on the old URL
  // (a filter chosen and another typed in quick succession both apply).
  const queued = useRef<{ from: string; params: URLSearchParams } | null>(null)
  const navigate = (changes: Record<string, string | null>, resetPage = true) => {
    const from = searchParams.toString()
    const params = new URLSearchParams(queued.current?.from === from ? queued.current.params : searchParams)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') params.delete(param(key))
      else params.set(param(key), value)
    }
    if (resetPage) params.delete(param('page'))
    queued.current = { from, params }
    const query = params.toString()
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }))
  }

  const visibleParam = get('columns')
  const urlVisibility: VisibilityState = useMemo(() => {
    const shown = visibleParam ? new Set(visibleParam.split(',')) : null
    return Object.fromEntries(specs.map((spec) => [spec.id, shown ? shown.has(spec.id) : !spec.hiddenByDefault]))
  }, [visibleParam, specs])
  // Applied at once, then kept in the URL; the URL wins when it changes (back button, shared link).
  const [visibility, setVisibility] = useState(urlVisibility)
  useEffect(() => setVisibility(urlVisibility), [urlVisibility])

  const first = ordering.split(',')[0] ?? ''
  const sorting: SortingState = first ? [{ id: first.replace(/^-/, ''), desc: first.startsWith('-') }] : []

  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      specs.map((spec) => ({
        id: spec.id,
        accessorFn: (row: Row) => row[spec.id],
        header: spec.header,
        enableSorting: spec.sortable,
        cell: ({ row }) => renderCell?.(spec, row.original) ?? <Cell column={spec} row={row.original} />,
        meta: spec,
      })),
    [specs, renderCell],
  )

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row, index) => String(row[rowKey] ?? index),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: count,
    state: { sorting, columnVisibility: visibility, pagination: { pageIndex: page - 1, pageSize: limit } },
  })

  const pageCount = Math.max(1, Math.ceil(count / limit))
  const activeFilters = filters.filter((filter) => get(filter.param))
  const from = count === 0 ? 0 : (page - 1) * limit + 1
  const to = Math.min(page * limit, count)
  const exportQuery = new URLSearchParams([
    ...[...searchParams.entries()]
      .filter(([key]) => key.startsWith(paramPrefix) && (paramPrefix || !key.includes('.')))
      .map(([key, value]) => [key.slice(paramPrefix.length), value])
      .filter(([key]) => !TABLE_PARAMS.has(key) || key === 'ordering'),
    ...Object.entries(exportParams ?? {}),
  ]).toString()
  const selectedRows = rows.filter((row, index) => selected[String(row[rowKey] ?? index)])
  const allSelected = rows.length > 0 && selectedRows.length === rows.length

  const toggleSort = (id: string) => {
    const current = sorting[0]
    const next = current?.id !== id ? id : !current.desc ? `-${id}` : null
    navigate({ ordering: next }, true)
  }

  const toggleColumn = (id: string, visible: boolean) => {
    const shown = specs.filter((spec) => (spec.id === id ? visible : visibility[spec.id] !== false)).map((spec) => spec.id)
    if (shown.length === 0) return
    setVisibility(Object.fromEntries(specs.map((spec) => [spec.id, shown.includes(spec.id)])))
    const defaults = specs.filter((spec) => !spec.hiddenByDefault).map((spec) => spec.id)
    navigate({ columns: shown.join(',') === defaults.join(',') ? null : shown.join(',') }, false)
  }

  const visibleCount = table.getVisibleLeafColumns().length + (expand ? 1 : 0) + (rowActions ? 1 : 0) + (bulkActions ? 1 : 0)

  return (
    <div className="panel data-table">
      <div className="table-toolbar">
        <div className="table-filters" role="search" aria-label={`Filter ${inSentence(caption)}`}>
          {filters.map((filter) =>
            filter.type === 'select' || filter.type === 'boolean' ? (
              <SelectFilter key={filter.param} idPrefix={paramPrefix} filter={filter} urlValue={get(filter.param) ?? ''} onCommit={(value) => navigate({ [filter.param]: value })} />
            ) : (
              <TextFilter key={filter.param} idPrefix={paramPrefix} filter={filter} urlValue={get(filter.param) ?? ''} onCommit={(value) => navigate({ [filter.param]: value })} />
            ),
          )}
          {activeFilters.length ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => navigate(Object.fromEntries(filters.map((filter) => [filter.param, null])))}>
              Clear filters
            </button>
          ) : null}
        </div>
        <div className="row">
          {toolbar}
          <ColumnMenu columns={specs} visibility={visibility} onToggle={toggleColumn} />
          {exportHref ? (
            <a className="btn btn-sm" href={exportQuery ? `${exportHref}?${exportQuery}` : exportHref} download>
              Export CSV
            </a>
          ) : null}
        </div>
      </div>
      {error ? (
        <div className="table-message form-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="table-wrap">
        {/* Over the header row, so choosing rows never moves the table (no layout shift). */}
        {bulkActions && selectedRows.length ? (
          <div className="bulk-bar" role="group" aria-label="Selected rows">
            <span className="muted">{selectedRows.length} selected</span>
            {bulkActions(selectedRows, () => setSelected({}))}
          </div>
        ) : null}
        <table className="data" aria-busy={pending || undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {bulkActions ? (
                  <th className="select-col">
                    <input
                      type="checkbox"
                      aria-label="Select all rows on this page"
                      checked={allSelected}
                      onChange={(event) => setSelected(event.target.checked ? Object.fromEntries(rows.map((row, index) => [String(row[rowKey] ?? index), true])) : {})}
                    />
                  </th>
                ) : null}
                {expand ? <th className="expand-col"><span className="visually-hidden">Details</span></th> : null}
                {group.headers.map((header) => {
                  const spec = header.column.columnDef.meta as ColumnSpec
                  const sorted = sorting[0]?.id === header.column.id ? (sorting[0].desc ? 'descending' : 'ascending') : undefined
                  const numeric = spec.kind === 'decimal' || spec.kind === 'integer'
                  return (
                    <th key={header.id} aria-sort={sorted ?? (spec.sortable ? 'none' : undefined)} className={numeric ? 'num' : undefined}>
                      {spec.sortable ? (
                        <button type="button" onClick={() => toggleSort(header.column.id)}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden className={`sort-icon${sorted ? ' active' : ''}`}>
                            {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  )
                })}
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
                <tr aria-selected={bulkActions ? Boolean(selected[row.id]) : undefined}>
                  {bulkActions ? (
                    <td className="select-col">
                      <input
                        type="checkbox"
                        aria-label={`Select ${String(row.original[rowLabel] ?? row.id)}`}
                        checked={Boolean(selected[row.id])}
                        onChange={(event) => setSelected((current) => ({ ...current, [row.id]: event.target.checked }))}
                      />
                    </td>
                  ) : null}
                  {expand ? (
                    <td className="expand-col">
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost btn-icon"
                        aria-expanded={Boolean(expanded[row.id])}
                        aria-label={`${expanded[row.id] ? 'Hide' : 'Show'} changes of entry ${row.id}`}
                        onClick={() => setExpanded((current) => ({ ...current, [row.id]: !current[row.id] }))}
                      >
                        <span aria-hidden>{expanded[row.id] ? '▾' : '▸'}</span>
                      </button>
                    </td>
                  ) : null}
                  {row.getVisibleCells().map((cell) => {
                    const spec = cell.column.columnDef.meta as ColumnSpec
                    const numeric = spec.kind === 'decimal' || spec.kind === 'integer'
                    return (
                      <td key={cell.id} className={numeric ? 'num' : undefined}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    )
                  })}
                  {rowActions ? <td className="actions-col">{rowActions(row.original)}</td> : null}
                </tr>
                {expand && expanded[row.id] ? (
                  <tr className="expanded-row">
                    <td colSpan={visibleCount}>
                      <AuditChanges changes={row.original.changes as Record<string, { before: unknown; after: unknown }>} action={String(row.original.action)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error ? (
          <div className="empty-state">
            {activeFilters.length ? (
              <>
                <h3>No {inSentence(caption)} match these filters</h3>
                <p>Try other values, or clear the filters to see everything.</p>
                <button type="button" className="btn" onClick={() => navigate(Object.fromEntries(filters.map((filter) => [filter.param, null])))}>
                  Clear filters
                </button>
              </>
            ) : (
              <>
                <h3>{empty?.title ?? `No ${inSentence(caption)} yet`}</h3>
                {empty?.text ? <p>{empty.text}</p> : null}
                {empty?.action ? (
                  <Link className="btn btn-primary" href={empty.action.href}>
                    {empty.action.label}
                  </Link>
                ) : null}
              </>
            )}
          </div>
        ) : null}
      </div>
      <div className="table-footer">
        <div className="row">
          <label htmlFor={`${paramPrefix || caption}-page-size`} className="muted">
            Rows per page
          </label>
          <KeptSelect
            id={`${paramPrefix || caption}-page-size`}
            className="select select-sm"
            value={limit}
            onChange={(event) => navigate({ limit: event.target.value === '20' ? null : event.target.value })}
          >
            {[...new Set([...PAGE_SIZES, limit])].sort((a, b) => a - b).map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </KeptSelect>
          <span aria-live="polite">
            {count === 0 ? 'No rows' : `${from}–${to} of ${count.toLocaleString('en-US')}`}
          </span>
        </div>
        <nav className="pagination" aria-label="Pagination">
          <button
            type="button"
            className="btn btn-sm"
            aria-label="Previous page"
            disabled={page <= 1 || pending || !hydrated}
            onClick={() => navigate({ page: page - 1 <= 1 ? null : String(page - 1) }, false)}
          >
            ‹ Previous
          </button>
          <span className="page-indicator">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          <button
            type="button"
            className="btn btn-sm"
            aria-label="Next page"
            disabled={page >= pageCount || pending || !hydrated}
            onClick={() => navigate({ page: String(page + 1) }, false)}
          >
            Next ›
          </button>
        </nav>
      </div>
    </div>
  )
}
