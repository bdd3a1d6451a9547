'use client'

import { useEffect, useState } from 'react'
import { databaseAnswers } from '@/app/database-status'
import { DATABASE_UNAVAILABLE_DIGEST, RETRY_AFTER_SECONDS } from '@/lib/console/unavailable'

/**
 * What a console page shows when it failed on the server. A database outage (the digest the server set,
 * or the database not answering when asked) is "temporarily unavailable": nothing was lost, and the page
 * retries by itself every few seconds until the database is back. Anything else is "something went wrong".
 */
export function PageFailure({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [unavailable, setUnavailable] = useState(error.digest === DATABASE_UNAVAILABLE_DIGEST)
  useEffect(() => {
    console.error(error)
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const check = async () => {
      const answers = await databaseAnswers().catch(() => false)
      if (stopped) return
      if (!answers) {
        setUnavailable(true)
        timer = setTimeout(check, RETRY_AFTER_SECONDS * 1000)
      } else if (unavailable) retry()
    }
    void check()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
    // Once per error: the check re-arms itself while the database is away.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error])
  if (unavailable)
    return (
      <div className="panel">
        <div className="empty-state" role="alert">
          <h1>Temporarily unavailable</h1>
          <p>The payment database is not answering right now (it may be restarting). Nothing you saved was lost.</p>
          <p>This page tries again every {RETRY_AFTER_SECONDS} seconds, or you can try now.</p>
          <button type="button" className="btn btn-primary" onClick={retry}>
            Try again
          </button>
        </div>
      </div>
    )
  return (
    <div className="panel">
      <div className="empty-state" role="alert">
        <h1>Something went wrong</h1>
        <p>The page could not be loaded.{error.digest ? ` Reference: ${error.digest}.` : ''}</p>
        <button type="button" className="btn btn-primary" onClick={retry}>
          Try again
        </button>
      </div>
    </div>
  )
}
