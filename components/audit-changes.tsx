import { formatValue } from '@/lib/console/format'

export type AuditChangeSet = Record<string, { before: unknown; after: unknown }>

/** Field-by-field before/after of one audit entry (secrets arrive already redacted by the service). */
export function AuditChanges({ changes, action }: { changes: AuditChangeSet | null | undefined; action: string }) {
  const entries = Object.entries(changes ?? {})
  if (!entries.length) return <p className="muted">No field changed.</p>
  return (
    <table className="data changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          {action !== 'create' ? <th scope="col">Before</th> : null}
          {action !== 'delete' ? <th scope="col">After</th> : null}
        </tr>
      </thead>
      <tbody>
        {entries.map(([field, change]) => (
          <tr key={field}>
            <th scope="row">
              <code>{field}</code>
            </th>
            {action !== 'create' ? (
              <td>
                <span className="change-before">{formatValue(change.before)}</span>
              </td>
            ) : null}
            {action !== 'delete' ? (
              <td>
                <span className="change-after">{formatValue(change.after)}</span>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
