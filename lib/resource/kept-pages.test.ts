import { describe, expect, it } from 'vitest'
import type { DbRow } from './define'
import { KeptPages } from './kept-pages'

const rows = (count: number, from = 1) => Array.from({ length: count }, (_, index) => ({ id: from + index }) as DbRow)

describe('KeptPages', () => {
  it('keeps pages up to its bound in rows, the least recently used dropped first', () => {
    const pages = new KeptPages(50)
    pages.set('a', '1', rows(20))
    pages.set('b', '1', rows(20))
    expect(pages.get('a')?.rows).toHaveLength(20) // a is now the most recently used
    pages.set('c', '1', rows(20))
    expect(pages.get('b')).toBeUndefined()
    expect(pages.get('a')?.version).toBe('1')
    expect(pages.size()).toEqual({ pages: 2, rows: 40 })
  })

  it('replaces a page kept again under another version, and never keeps a page over the bound', () => {
    const pages = new KeptPages(50)
    pages.set('a', '1', rows(20))
    pages.set('a', '2', rows(10, 100))
    expect(pages.get('a')).toEqual({ version: '2', rows: rows(10, 100) })
    expect(pages.size()).toEqual({ pages: 1, rows: 10 })
    pages.set('huge', '1', rows(51))
    expect(pages.get('huge')).toBeUndefined()
    expect(pages.size()).toEqual({ pages: 1, rows: 10 })
  })
})
