'use client'

import { useEffect } from 'react'

/** A console page failed on the server: say so in the layout, and offer to try again. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <div className="panel">
      <div className="empty-state" role="alert">
        <h1>Something went wrong</h1>
        <p>The page could not be loaded.{error.digest ? ` Reference: ${error.digest}.` : ''}</p>
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  )
}
