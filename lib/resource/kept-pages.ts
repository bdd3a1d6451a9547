import type { DbRow } from './define'

/**
 * The first pages of counted lists, kept whole under the version of their stored count (migrations 0013,
 * 0015) they were read at. Every statement that changes a row of such a list moves that version forward
 * (a sequence: a version never comes back), so rows read under a version are the rows of that version. A
 * later read of the same page asks the database for the count and its version only, with the page's rows
 * joined on the condition that the version has moved (`runList`): one round trip either way, and the rows
 * cross the wire again only after a write. Why: docs/decisions/034-kept-first-pages.md.
 *
 * Per process and bounded by rows (least recently used pages dropped first). Kept rows are shared by
 * every answer built from them: nothing may change them (`serialize` builds its own objects).
 */
export class KeptPages {
  readonly #pages = new Map<string, { version: string; rows: readonly DbRow[] }>()
  #rows = 0
  constructor(private readonly maxRows = 50_000) {}

  /** The page kept under `key`, and the version it was read under, if any. */
  get(key: string): { version: string; rows: readonly DbRow[] } | undefined {
    const kept = this.#pages.get(key)
    if (!kept) return undefined
    this.#pages.delete(key)
    this.#pages.set(key, kept)
    return kept
  }

  /** Keeps the rows of `key` as read under `version` (a page larger than the bound is not kept). */
  set(key: string, version: string, rows: readonly DbRow[]): void {
    this.delete(key)
    if (rows.length > this.maxRows) return
    while (this.#rows + rows.length > this.maxRows) this.delete(this.#pages.keys().next().value!)
    this.#pages.set(key, { version, rows })
    this.#rows += rows.length
  }

  delete(key: string): void {
    const kept = this.#pages.get(key)
    if (!kept) return
    this.#pages.delete(key)
    this.#rows -= kept.rows.length
  }

  /** Pages and rows kept (tests). */
  size(): { pages: number; rows: number } {
    return { pages: this.#pages.size, rows: this.#rows }
  }
}
