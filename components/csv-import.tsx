'use client'

import { useMemo, useRef, useState } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import type { ImportRowResult, ImportRowsAction } from '@/lib/resource/action-result'
import { csvLine, csvRecords } from '@/lib/console/csv'
import type { FieldSpec } from '@/lib/console/field-spec'
import { useToast } from './toast'
import { KeptInput } from './kept-controls'
import { inSentence } from '@/lib/console/format'

const CHUNK = 25

type Parsed = { fileName: string; records: Record<string, string>[]; problems: string[] }

/**
 * Bulk creation from a CSV file: the file is read in the browser, checked against the resource's
 * columns, then sent in chunks so the progress bar moves and each row gets its own result.
 */
export function CsvImport({ resource, importRows, title, titlePlural, fields, detailHref }: { resource: string; importRows: ImportRowsAction; title: string; titlePlural: string; fields: FieldSpec[]; detailHref: string }) {
  const router = useRouter()
  const toast = useToast()
  const input = useRef<HTMLInputElement>(null)
  const columns = useMemo(() => fields.filter((spec) => spec.writable && spec.name !== 'channel'), [fields])
  const [parsed, setParsed] = useState<Parsed | null>(null)
  const [results, setResults] = useState<ImportRowResult[]>([])
  const [running, setRunning] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [onlyFailed, setOnlyFailed] = useState(false)

  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${csvLine(columns.map((spec) => spec.name))}\r\n`)}`

  const read = async (file: File | undefined) => {
    setResults([])
    setFormError(null)
    if (!file) return setParsed(null)
    const { header, records, problem } = csvRecords(await file.text())
    if (problem) return setParsed({ fileName: file.name, records: [], problems: [problem] })
    const known = new Set(columns.map((spec) => spec.name))
    const problems: string[] = []
    const unknown = header.filter((name) => name && !known.has(name))
    if (unknown.length) problems.push(`Unknown columns: ${unknown.join(', ')}. Expected: ${columns.map((spec) => spec.name).join(', ')}.`)
    const missing = columns.filter((spec) => spec.required && spec.defaultValue === undefined && !header.includes(spec.name)).map((spec) => spec.name)
    if (missing.length) problems.push(`Missing required columns: ${missing.join(', ')}.`)
    if (!records.length) problems.push('The file has no rows under its header line.')
    setParsed({ fileName: file.name, records, problems })
  }

  const run = async () => {
    if (!parsed) return
    setRunning(true)
    setResults([])
    setFormError(null)
    const collected: ImportRowResult[] = []
    for (let start = 0; start < parsed.records.length; start += CHUNK) {
      const answer = await importRows(parsed.records.slice(start, start + CHUNK))
      if (!answer.ok) {
        setFormError(answer.formError)
        break
      }
      collected.push(...answer.results)
      setResults([...collected])
    }
    setRunning(false)
    const created = collected.filter((result) => result.ok).length
    toast(`${created} of ${parsed.records.length} ${inSentence(titlePlural)} created.`, created === parsed.records.length ? 'success' : 'error')
    router.refresh()
  }

  const total = parsed?.records.length ?? 0
  const done = results.length
  const created = results.filter((result) => result.ok).length
  const failed = done - created
  const percent = total ? Math.round((done / total) * 100) : 0
  const firstColumns = columns.slice(0, 2)

  return (
    <div className="panel">
      <div className="panel-body stack">
        <p className="muted" style={{ margin: 0 }}>
          One {inSentence(title)} per line, with a header line naming the columns:{' '}
          {columns.map((spec, index) => (
            <span key={spec.name}>
              {index ? ', ' : ''}
              <code>{spec.name}</code>
              {spec.required ? '' : ' (optional)'}
            </span>
          ))}
          . New {inSentence(titlePlural)} join the current sales channel. <a href={template} download={`${resource}-template.csv`}>Download a template</a>.
        </p>
        <div className="field" style={{ maxWidth: 420 }}>
          <label htmlFor="csv-file">CSV file</label>
          {/* A file chosen before hydration is read once the page is interactive (KeptInput replays the change). */}
          <KeptInput ref={input} id="csv-file" type="file" accept=".csv,text/csv" className="input file-input" disabled={running} onChange={(event) => read(event.target.files?.[0])} />
        </div>
        {parsed?.problems.length ? (
          <div className="form-error" role="alert">
            {parsed.problems.join(' ')}
          </div>
        ) : null}
        {formError ? (
          <div className="form-error" role="alert">
            {formError}
          </div>
        ) : null}
        {parsed && !parsed.problems.length && !(done === total && total > 0 && !running) ? (
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={run} disabled={running}>
              {running ? <span className="spinner" aria-hidden /> : null}
              {running ? 'Importing…' : `Import ${total} ${total === 1 ? inSentence(title) : inSentence(titlePlural)}`}
            </button>
            <span className="muted">{parsed.fileName}</span>
          </div>
        ) : null}
        {done || running ? (
          <div className="stack" style={{ gap: 8 }}>
            <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
              <div style={{ width: `${percent}%` }} />
            </div>
            <div className="row" aria-live="polite">
              <span>
                {done} of {total} processed
              </span>
              <span className="badge badge-success">{created} created</span>
              {failed ? <span className="badge badge-danger">{failed} failed</span> : null}
              {failed ? (
                <label className="checkbox" style={{ marginLeft: 'auto' }}>
                  <input type="checkbox" checked={onlyFailed} onChange={(event) => setOnlyFailed(event.target.checked)} />
                  Show failed rows only
                </label>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
      {done ? (
        <div className="table-wrap">
          <table className="data" aria-label="Import results">
            <thead>
              <tr>
                <th className="num">Line</th>
                {firstColumns.map((spec) => (
                  <th key={spec.name}>{spec.label}</th>
                ))}
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {results.map((result, index) =>
                onlyFailed && result.ok ? null : (
                  <tr key={index}>
                    <td className="num">{index + 2}</td>
                    {firstColumns.map((spec) => (
                      <td key={spec.name}>{parsed?.records[index]?.[spec.name]}</td>
                    ))}
                    <td>
                      {result.ok ? (
                        <span className="row">
                          <span className="badge badge-success">Created</span>
                          <Link href={detailHref.replace('{pk}', String(result.pk))} aria-label={`Open ${result.label}`}>
                            Open
                          </Link>
                        </span>
                      ) : (
                        <span className="row">
                          <span className="badge badge-danger">Failed</span>
                          <span className="error-text">{result.errors.join(' ')}</span>
                        </span>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
