import Link from 'next/link'
import type { ColumnSpec } from '@/lib/console/table-spec'
import { formatDateTime } from '@/lib/console/format'

export type Row = Record<string, unknown>

/** A path template's `{field}`s filled from the row (`/banks/{pk}` → `/banks/5`). */
export function fillTemplate(template: string, row: Row): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(row[key] ?? '')))
}

export const isNumericColumn = (column: ColumnSpec) => column.kind === 'decimal' || column.kind === 'integer'

/** A cell as its column's kind shows it; blanks as a faint dash. */
export function DataTableCell({ column, row }: { column: ColumnSpec; row: Row }) {
  const value = row[column.id]
  const blank = <span className="faint">—</span>
  switch (column.kind) {
    case 'link':
      if (column.hrefField) return typeof row[column.hrefField] === 'string' ? <Link href={String(row[column.hrefField])} className="cell-link">{String(value ?? '—')}</Link> : <>{String(value ?? '—')}</>
      return column.href ? <Link href={fillTemplate(column.href, row)} className="cell-link">{String(value ?? '—')}</Link> : <>{String(value ?? '')}</>
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
