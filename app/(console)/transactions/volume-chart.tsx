import { formatMoney } from '@/lib/ledger/money'

/** Colours with at least 3:1 contrast on white, plus patterns-free labels in the table twin below. */
const SERIES = [
  { key: 'success', label: 'Successful', color: '#3250d8' },
  { key: 'settled', label: 'Settled', color: '#1d7f4e' },
  { key: 'error', label: 'Declined', color: '#c62f3a' },
] as const

type Day = { day: string; success: number; error: number; settled: number }

/**
 * Daily volume by status as a stacked bar chart, rendered on the server as SVG: no chart library in the
 * browser bundle. The same figures are in a visually hidden table for screen readers.
 */
export function VolumeChart({ days }: { days: Day[] }) {
  if (!days.length) return <p className="muted">No payments match these filters.</p>
  const width = 720
  const height = 180
  const top = 12
  const bottom = 28
  const left = 8
  const plot = height - top - bottom
  const max = Math.max(...days.map((day) => day.success + day.error + day.settled), 1)
  const slot = (width - left * 2) / days.length
  const bar = Math.max(Math.min(slot * 0.7, 28), 2)
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="volume-chart-title" style={{ maxHeight: 220 }}>
        <title id="volume-chart-title">{`Daily payment volume by status, ${days[0].day} to ${days[days.length - 1].day}`}</title>
        <line x1={left} x2={width - left} y1={top + plot} y2={top + plot} stroke="#cfd4dc" />
        {days.map((day, index) => {
          let y = top + plot
          const x = left + index * slot + (slot - bar) / 2
          return (
            <g key={day.day}>
              {SERIES.map((series) => {
                const value = day[series.key]
                if (!value) return null
                // Heights are drawn from ratios of exact minor units; only the picture is approximate.
                const h = Math.max((value / max) * plot, 1)
                y -= h
                return <rect key={series.key} x={x} y={y} width={bar} height={h} fill={series.color} />
              })}
              {index % Math.ceil(days.length / 8) === 0 ? (
                <text x={x + bar / 2} y={height - 10} fontSize="11" textAnchor="middle" fill="#5d6777">
                  {day.day.slice(5)}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption className="row" style={{ gap: 16, fontSize: 12.5 }}>
        {SERIES.map((series) => (
          <span key={series.key} className="row" style={{ gap: 6 }}>
            <span aria-hidden style={{ width: 10, height: 10, background: series.color, display: 'inline-block', borderRadius: 2 }} />
            {series.label}
          </span>
        ))}
        <span className="muted">Peak day: {formatMoney(max)}</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Daily payment volume by status</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((series) => (
              <th key={series.key} scope="col">
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{day.day}</th>
              {SERIES.map((series) => (
                <td key={series.key}>{formatMoney(day[series.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
