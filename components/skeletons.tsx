/** Placeholders with the size of what they stand for, so nothing jumps when the page arrives. */
export function HeaderSkeleton() {
  return (
    <div className="page-header" aria-hidden>
      <div className="page-title">
        <div className="skeleton" style={{ width: 180, height: 26 }} />
        <div className="skeleton" style={{ width: 420, marginTop: 10 }} />
      </div>
    </div>
  )
}

export function TableSkeleton({ rows = 8, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div aria-busy="true">
      <span className="visually-hidden">Loading…</span>
      <HeaderSkeleton />
      <div className="panel" aria-hidden>
        <div className="table-toolbar">
          <div className="skeleton" style={{ width: 340, height: 32 }} />
          <div className="skeleton" style={{ width: 180, height: 28 }} />
        </div>
        <table className="data">
          <tbody>
            {Array.from({ length: rows }, (_, row) => (
              <tr key={row}>
                {Array.from({ length: columns }, (_, column) => (
                  <td key={column}>
                    <div className="skeleton" style={{ width: `${50 + ((row + column) % 4) * 12}%` }} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="table-footer">
          <div className="skeleton" style={{ width: 160 }} />
          <div className="skeleton" style={{ width: 200 }} />
        </div>
      </div>
    </div>
  )
}

export function FormSkeleton({ fields = 4 }: { fields?: number }) {
  return (
    <div aria-busy="true">
      <span className="visually-hidden">Loading…</span>
      <HeaderSkeleton />
      <div className="panel" aria-hidden>
        <div className="panel-body form-grid">
          {Array.from({ length: fields }, (_, index) => (
            <div className="field" key={index}>
              <div className="skeleton" style={{ width: 90 }} />
              <div className="skeleton" style={{ height: 36 }} />
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
