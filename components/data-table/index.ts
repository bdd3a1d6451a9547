// `@/components/data-table` keeps meaning the table: pages import it without knowing its pieces.
export { DataTable, type DataTableProps, type Row } from './data-table'
export type { RowDetails } from './data-table-row-details'
