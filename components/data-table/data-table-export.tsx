'use client'

import type { ReadonlyURLSearchParams } from 'next/navigation'

/** Query parameters that are table state rather than list filters (ordering is both: exports keep it). */
const VIEW_PARAMS = new Set(['page', 'limit', 'columns'])

/**
 * "Export CSV" with this table's filters and ordering: its own parameters without the prefix (a
 * top-level table takes none of a sub-table's `bins.` ones), plus the parameters the page adds.
 */
export function DataTableExport({ href, searchParams, prefix, extra }: { href: string; searchParams: ReadonlyURLSearchParams; prefix: string; extra?: Record<string, string> }) {
  const query = new URLSearchParams([
    ...[...searchParams.entries()]
      .filter(([key]) => key.startsWith(prefix) && (prefix || !key.includes('.')))
      .map(([key, value]) => [key.slice(prefix.length), value])
      .filter(([key]) => !VIEW_PARAMS.has(key)),
    ...Object.entries(extra ?? {}),
  ]).toString()
  return (
    <a className="btn btn-sm" href={query ? `${href}?${query}` : href} download>
      Export CSV
    </a>
  )
}
