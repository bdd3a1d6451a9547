import { csvProblem, parseCsv } from '@/lib/csv/parse'

/** Rows of a CSV with a header line, as objects keyed by the (trimmed, lower-cased) header names. */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[]; problem?: string } {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = parseCsv(content)
  const problem = csvProblem(content, parsed)
  const [head = [], ...body] = parsed.map((record) => record.cells)
  const header = head.map((name) => name.trim().toLowerCase())
  const records = body.map((cells) => Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ''])))
  return { header, records, problem }
}

/** One CSV line; cells that a spreadsheet would run as a formula are defused. */
export function csvLine(cells: unknown[]): string {
  return cells
    .map((value) => {
      let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
    })
    .join(',')
}
