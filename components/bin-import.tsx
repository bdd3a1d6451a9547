'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'
import { KeptInput } from './kept-controls'
import { useToast } from './toast'

type Progress = { processed: number; created: number; existing: number; invalid: number; done: boolean }
type Result = { bin: string; status: string }

const SHOWN_ROWS = 200
// Past this many lines the answer is asked for as counts only: a million-key JSON is no use in a table.
const SUMMARY_FROM_LINES = 20_000

/**
 * CSV upload of a card's BIN numbers through the streamed `POST /api/v1/cards/{id}/bulk_create/`,
 * with a progress bar fed by the import's progress record and a per-row result table.
 */
export function BinImport({ cardId }: { cardId: number }) {
  const router = useRouter()
  const toast = useToast()
  const fileInput = useRef<HTMLInputElement>(null)
  const [running, setRunning] = useState(false)
  const [total, setTotal] = useState(0)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [results, setResults] = useState<Result[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [chosen, setChosen] = useState(false)

  async function upload() {
    const file = fileInput.current?.files?.[0]
    if (!file) {
      setError('Choose a CSV file with one BIN number per line.')
      return
    }
    setError(null)
    setResults(null)
    setRunning(true)
    const text = await file.text()
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').length
    setTotal(lines)
    setProgress({ processed: 0, created: 0, existing: 0, invalid: 0, done: false })
    const importId = `console-${cardId}-${Date.now().toString(36)}`
    const poll = setInterval(async () => {
      const response = await fetch(`/api/v1/imports/${importId}/`).catch(() => null)
      if (response?.ok) setProgress(await response.json())
    }, 400)
    try {
      const form = new FormData()
      form.append('file', file)
      const summary = lines > SUMMARY_FROM_LINES
      const response = await fetch(`/api/v1/cards/${cardId}/bulk_create/${summary ? '?summary=1' : ''}`, {
        method: 'POST',
        body: form,
        headers: { 'X-Import-Id': importId },
      })
      const body = await response.json().catch(() => null)
      if (!response.ok) {
        // 406 {non_field_errors, error_code}, 400 {field: [messages]} or {detail}: the sentences, not the JSON.
        const message =
          body && typeof body === 'object'
            ? String(body.non_field_errors ?? body.detail ?? Object.values(body as Record<string, unknown>).flat().join(' '))
            : `The upload failed (${response.status}).`
        setError(message)
        return
      }
      const final = await fetch(`/api/v1/imports/${importId}/`).then((r) => (r.ok ? r.json() : null)).catch(() => null)
      // The answer has been read to its end, so the import is over whatever the last poll saw.
      const counts = final ?? { processed: 0, created: 0, existing: 0, invalid: 0 }
      setProgress((current) => ({ ...(final ?? current ?? counts), done: true }))
      if (summary) {
        const errors = (body.errors ?? {}) as Record<string, string>
        setResults(Object.entries(errors).map(([bin, status]) => ({ bin, status })))
      } else {
        setResults(Object.entries(body as Record<string, string>).map(([bin, status]) => ({ bin, status })))
      }
      const parts = [`${counts.created} created`, counts.existing ? `${counts.existing} already there` : '', counts.invalid ? `${counts.invalid} invalid` : '']
      toast(`BIN numbers uploaded: ${parts.filter(Boolean).join(', ')}.`, counts.invalid ? 'error' : 'success')
      router.refresh()
    } catch {
      setError('The upload was interrupted. Rows already written are kept; upload the file again to finish.')
    } finally {
      clearInterval(poll)
      setRunning(false)
    }
  }

  // The line count includes an optional header line, so a finished import is shown as 100 % outright.
  const percent = progress?.done ? 100 : total && progress ? Math.min(99, Math.round((progress.processed / total) * 100)) : 0
  return (
    <div className="panel" style={{ marginTop: 20 }}>
      <div className="panel-header">
        <h2>Upload BIN numbers</h2>
      </div>
      <div className="panel-body stack">
        <p className="muted" style={{ margin: 0 }}>
          A CSV file with one 6- or 8-digit BIN number per line (an optional <code>bin_number</code> header line is skipped). BIN numbers that
          already exist in this channel are reported and left as they are.
        </p>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <div className="field">
            <label htmlFor="bin-import-file">BIN numbers CSV file</label>
            {/* A file chosen before hydration fired its change event unseen: KeptInput replays it once mounted. */}
            <KeptInput id="bin-import-file" ref={fileInput} type="file" accept=".csv,.txt,text/csv,text/plain" className="input" style={{ paddingTop: 5 }} disabled={running} onChange={(event) => setChosen(Boolean(event.target.files?.length))} />
          </div>
          <button type="button" className="btn btn-primary" onClick={upload} disabled={running || !chosen} aria-busy={running}>
            {running && <span className="spinner" aria-hidden />}
            Upload BIN numbers
          </button>
        </div>
        {error && (
          <div role="alert" className="form-error">
            {error}
          </div>
        )}
        {progress && (
          <div className="stack" style={{ gap: 6 }}>
            <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div style={{ width: `${percent}%` }} />
            </div>
            <div className="muted" aria-live="polite">
              {progress.processed.toLocaleString('en')} lines read · {progress.created.toLocaleString('en')} created ·{' '}
              {progress.existing.toLocaleString('en')} already existing · {progress.invalid.toLocaleString('en')} invalid
            </div>
          </div>
        )}
        {results && (
          <div className="table-wrap">
            <table className="data" aria-label="Import results">
              <thead>
                <tr>
                  <th>BIN number</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {results.slice(0, SHOWN_ROWS).map((row) => (
                  <tr key={row.bin}>
                    <td className="mono">{row.bin}</td>
                    <td>
                      <span className={`badge ${row.status === 'created' ? 'badge-success' : row.status === 'already exists' ? 'badge-warning' : 'badge-danger'}`}>{row.status}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {results.length > SHOWN_ROWS && <p className="muted">Showing the first {SHOWN_ROWS} of {results.length.toLocaleString('en')} rows.</p>}
          </div>
        )}
      </div>
    </div>
  )
}
