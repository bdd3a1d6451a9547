import type { Option } from './field-spec'

/** How a table cell shows its value; the client table maps each kind to a renderer. */
export type CellKind = 'text' | 'link' | 'mono' | 'image' | 'boolean' | 'datetime' | 'reference' | 'choice' | 'decimal' | 'integer'

/** One table column, as plain data so a server page can hand it to the client table. */
export interface ColumnSpec {
  id: string
  header: string
  kind: CellKind
  sortable: boolean
  /** For links: a path with `{pk}` (or any `{field}`) filled from the row. */
  href?: string
  /** For links: the row field holding the whole path (rows without one show plain text). */
  hrefField?: string
  /** Hidden until the user turns it on in the column menu. */
  hiddenByDefault?: boolean
  choices?: Option[]
}

/** One filter control above a table; `param` is the list query parameter it sets (e.g. `name__icontains`). */
export interface FilterSpec {
  param: string
  label: string
  type: 'text' | 'number' | 'select' | 'boolean' | 'date'
  options?: Option[]
  placeholder?: string
}

export interface ListState {
  rows: Record<string, unknown>[]
  count: number
  page: number
  limit: number
  ordering: string
  /** Why the list could not be read as asked (a bad filter value, a page past the end). */
  error?: string
}

export const PAGE_SIZES = [10, 20, 50, 100]
