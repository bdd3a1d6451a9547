'use client'

import { useEffect, useMemo, useState } from 'react'
import type { VisibilityState } from '@tanstack/react-table'
import type { ColumnSpec } from '@/lib/console/table-spec'
import type { UrlChanges } from '@/lib/console/table-url'

/**
 * Which columns show: `columns=a,b` in the URL, or each column's default. A toggle applies at once and
 * is then kept in the URL; the URL wins when it changes (back button, shared link).
 */
export function useColumnVisibility(specs: ColumnSpec[], urlValue: string | null, navigate: (changes: UrlChanges, resetPage?: boolean) => void) {
  const fromUrl: VisibilityState = useMemo(() => {
    const shown = urlValue ? new Set(urlValue.split(',')) : null
    return Object.fromEntries(specs.map((spec) => [spec.id, shown ? shown.has(spec.id) : !spec.hiddenByDefault]))
  }, [urlValue, specs])
  const [visibility, setVisibility] = useState(fromUrl)
  useEffect(() => setVisibility(fromUrl), [fromUrl])

  const toggle = (id: string, visible: boolean) => {
    const shown = specs.filter((spec) => (spec.id === id ? visible : visibility[spec.id] !== false)).map((spec) => spec.id)
    // The last visible column stays: a table of nothing cannot be turned back on from its own menu.
    if (shown.length === 0) return
    setVisibility(Object.fromEntries(specs.map((spec) => [spec.id, shown.includes(spec.id)])))
    const defaults = specs.filter((spec) => !spec.hiddenByDefault).map((spec) => spec.id)
    navigate({ columns: shown.join(',') === defaults.join(',') ? null : shown.join(',') }, false)
  }
  return { visibility, toggle }
}
