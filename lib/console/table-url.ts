/** A change to a table's URL: a parameter's new value, or null (or "") to remove it. */
export type UrlChanges = Record<string, string | null>

/** The navigation asked for last, and the URLs the page may show while it is on its way. */
export type UrlQueue = { target: string; passed: ReadonlySet<string> }

/**
 * The query a table asks for when `changes` are made while the page shows `shown`. A navigation still on
 * its way (`queue`, while the page shows a URL it passes) is built on, not the URL shown, so changes made
 * in quick succession compose. Returns null when nothing would change.
 */
export function queueChanges(queue: UrlQueue | null, shown: string, changes: UrlChanges, prefix = '', resetPage = true): UrlQueue | null {
  const pending = queue && queue.passed.has(shown) ? queue : null
  const base = pending ? pending.target : shown
  const params = new URLSearchParams(base)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(`${prefix}${key}`)
    else params.set(`${prefix}${key}`, value)
  }
  if (resetPage) params.delete(`${prefix}page`)
  const target = params.toString()
  if (target === base) return null
  return { target, passed: new Set([...(pending ? pending.passed : []), shown, base]) }
}

/** The queue once the page shows `shown`: done when it arrived, or left for a URL nobody here asked for. */
export function settleQueue(queue: UrlQueue | null, shown: string): UrlQueue | null {
  return queue && shown !== queue.target && queue.passed.has(shown) ? queue : null
}
