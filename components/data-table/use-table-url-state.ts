'use client'

import { useCallback, useLayoutEffect, useRef, useTransition } from 'react'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { queueChanges, settleQueue, type UrlChanges, type UrlQueue } from '@/lib/console/table-url'

export type { UrlChanges }

/**
 * A table's state in the URL, under its prefix (`bins.page=2`). Every control only asks for a change;
 * changes asked for while an earlier navigation is still on its way build on that navigation's target,
 * not on the URL the page shows now, so two filters changed in quick succession both apply. A debounced
 * filter calls `navigate` long after the render it was made in: it reads the latest URL through a ref,
 * never a stale one from its closure.
 */
export function useTableUrlState(prefix = '') {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const [pending, startTransition] = useTransition()
  const latest = useRef({ query: searchParams.toString(), pathname })
  const queued = useRef<UrlQueue | null>(null)

  useLayoutEffect(() => {
    const query = searchParams.toString()
    latest.current = { query, pathname }
    queued.current = settleQueue(queued.current, query)
  }, [searchParams, pathname])

  const navigate = useCallback(
    (changes: UrlChanges, resetPage = true) => {
      const { query, pathname: path } = latest.current
      const next = queueChanges(queued.current, query, changes, prefix, resetPage)
      if (!next) return
      queued.current = next
      startTransition(() => router.push(next.target ? `${path}?${next.target}` : path, { scroll: false }))
    },
    [prefix, router],
  )

  const get = useCallback((name: string) => searchParams.get(`${prefix}${name}`), [searchParams, prefix])

  return { searchParams, get, navigate, pending }
}
