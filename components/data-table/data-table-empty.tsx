import Link from 'next/link'
import { inSentence } from '@/lib/console/format'

export interface EmptyText {
  title: string
  text?: string
  action?: { label: string; href: string }
}

/** What an empty table says: that the filters match nothing (with a way out), or that nothing exists yet. */
export function DataTableEmpty({ caption, filtered, empty, onClear }: { caption: string; filtered: boolean; empty?: EmptyText; onClear: () => void }) {
  return (
    <div className="empty-state">
      {filtered ? (
        <>
          <h3>No {inSentence(caption)} match these filters</h3>
          <p>Try other values, or clear the filters to see everything.</p>
          <button type="button" className="btn" onClick={onClear}>
            Clear filters
          </button>
        </>
      ) : (
        <>
          <h3>{empty?.title ?? `No ${inSentence(caption)} yet`}</h3>
          {empty?.text ? <p>{empty.text}</p> : null}
          {empty?.action ? (
            <Link className="btn btn-primary" href={empty.action.href}>
              {empty.action.label}
            </Link>
          ) : null}
        </>
      )}
    </div>
  )
}
