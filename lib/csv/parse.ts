// Pure (no Node APIs): the console's CSV preview in the browser and the server imports share it.
/**
 * RFC 4180 records: comma separated, fields optionally in double quotes (which may hold commas,
 * newlines and doubled quotes). Blank lines are skipped.
 */
export interface CsvRecord {
  line: number
  cells: string[]
  /** The file ended inside this record's quoted field: a quote was opened and never closed. */
  unclosed?: boolean
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: recordLine, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (char === '\n') line++
        cell += char
      }
      continue
    }
    if (char === '"' && cell.trim() === '') {
      cell = ''
      quoted = true
    } else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else cell += char
  }
  if (quoted) {
    endRecord()
    const last = records[records.length - 1]
    if (last) last.unclosed = true
  } else if (cell !== '' || cells.length) endRecord()
  return records
}

export const NOT_CSV_TEXT = 'The file is not a CSV text file.'

/** What is wrong with a file as CSV text, in words for the merchant, or undefined. */
export function csvProblem(text: string, records: CsvRecord[]): string | undefined {
  if (text.includes('\u0000')) return NOT_CSV_TEXT
  if (text.includes('\ufffd')) return 'The file is not UTF-8 text: save it as "CSV UTF-8" and upload it again.'
  const unclosed = records.find((record) => record.unclosed)
  if (unclosed) return `Line ${unclosed.line}: a quoted field is not closed.`
  return undefined
}
