'use client'

import { PAGE_SIZES } from '@/lib/console/table-spec'
import { KeptSelect } from '../kept-controls'
import type { UrlChanges } from '@/lib/console/table-url'

/** Rows per page, the range shown, and previous/next; pages and sizes go to the URL. */
export function DataTablePagination({
  id,
  page,
  limit,
  count,
  disabled,
  navigate,
}: {
  /** Id of the rows-per-page select. */
  id: string
  page: number
  limit: number
  count: number
  /** While a navigation is on its way or before hydration. */
  disabled: boolean
  navigate: (changes: UrlChanges, resetPage?: boolean) => void
}) {
  const pageCount = Math.max(1, Math.ceil(count / limit))
  const from = count === 0 ? 0 : (page - 1) * limit + 1
  const to = Math.min(page * limit, count)
  return (
    <div className="table-footer">
      <div className="row">
        <label htmlFor={id} className="muted">
          Rows per page
        </label>
        <KeptSelect id={id} className="select select-sm" value={limit} onChange={(event) => navigate({ limit: event.target.value === '20' ? null : event.target.value })}>
          {[...new Set([...PAGE_SIZES, limit])].sort((a, b) => a - b).map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </KeptSelect>
        <span aria-live="polite">{count === 0 ? 'No rows' : `${from}–${to} of ${count.toLocaleString('en-US')}`}</span>
      </div>
      <nav className="pagination" aria-label="Pagination">
        <button type="button" className="btn btn-sm" aria-label="Previous page" disabled={page <= 1 || disabled} onClick={() => navigate({ page: page - 1 <= 1 ? null : String(page - 1) }, false)}>
          ‹ Previous
        </button>
        <span className="page-indicator">
          Page {Math.min(page, pageCount)} of {pageCount}
        </span>
        <button type="button" className="btn btn-sm" aria-label="Next page" disabled={page >= pageCount || disabled} onClick={() => navigate({ page: String(page + 1) }, false)}>
          Next ›
        </button>
      </nav>
    </div>
  )
}
