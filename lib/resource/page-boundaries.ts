/** Where a page starts: at the row with these ordering values, or just after it. */
export interface Boundary {
  values: unknown[]
  inclusive: boolean
}

/**
 * Where deep pages of a counted list start, by offset: the ordering values of the row at that offset
 * (or of the row before it), under the version of `row_counts` the list read them at (migration 0013).
 * A later read of the same list at the same version sees the same rows, so it can start at the kept row
 * (a keyset read of one page) instead of skipping the offset again; any write to the list's rows moves
 * the version, and a boundary read under another version is never used.
 * Why: docs/decisions/029-deep-page-boundaries.md.
 *
 * Per process and bounded: `lists` lists (least recently used dropped first), `perList` boundaries
 * each (oldest dropped first). A list keeps only its latest version's boundaries.
 */
export class PageBoundaries {
  readonly #lists = new Map<string, { version: string; starts: Map<number, Boundary> }>()
  constructor(
    private readonly lists = 200,
    private readonly perList = 64,
  ) {}

  /** The boundary kept for `offset`, with the version it was read under, if any. */
  at(list: string, offset: number): (Boundary & { version: string }) | undefined {
    const kept = this.#lists.get(list)
    const boundary = kept?.starts.get(offset)
    if (!kept || !boundary) return undefined
    this.#lists.delete(list)
    this.#lists.set(list, kept)
    return { ...boundary, version: kept.version }
  }

  /** Keeps where the rows from `offset` on start under `version`. */
  record(list: string, version: string, offset: number, boundary: Boundary): void {
    let kept = this.#lists.get(list)
    if (!kept || kept.version !== version) {
      kept = { version, starts: new Map() }
      this.#lists.delete(list)
      if (this.#lists.size >= this.lists) this.#lists.delete(this.#lists.keys().next().value!)
      this.#lists.set(list, kept)
    }
    kept.starts.delete(offset)
    if (kept.starts.size >= this.perList) kept.starts.delete(kept.starts.keys().next().value!)
    kept.starts.set(offset, boundary)
  }
}
