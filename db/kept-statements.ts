/** SQL text and what it binds, as Kysely compiles it. */
export interface Statement {
  sql: string
  parameters: readonly unknown[]
  /** Its text is one of a bounded set (a kept shape's): a connection may keep it prepared (`readRows`). */
  prepared?: boolean
}

/**
 * Compiled SQL kept by the shape of its query. Building and compiling a statement with Kysely costs more
 * than the rest of a small read's work in the server, and a shape's SQL text never changes, only what it
 * binds. The caller names the shape and predicts the parameters its SQL binds, in order; the first
 * statement of a shape is compiled and kept only if Kysely bound exactly the predicted parameters, so a
 * wrong prediction costs speed (that shape is compiled every time), never a wrong answer.
 */
export class KeptStatements {
  readonly #statements = new Map<string, string | null>()
  constructor(private readonly max = 2000) {}

  /** `shape` undefined: a query whose shape cannot be named, compiled every time. */
  statement(shape: string | undefined, parameters: readonly unknown[] | undefined, compile: () => Statement): Statement {
    const kept = shape === undefined ? null : this.#statements.get(shape)
    if (kept && parameters) return { sql: kept, parameters, prepared: true }
    const compiled = compile()
    if (shape !== undefined && kept === undefined) {
      if (this.#statements.size >= this.max) this.#statements.clear()
      const same = parameters !== undefined && parameters.length === compiled.parameters.length && parameters.every((value, index) => value === compiled.parameters[index])
      this.#statements.set(shape, same ? compiled.sql : null)
    }
    return compiled
  }

  /** Shapes with their SQL kept, and shapes compiled every time (tests: a second call binds, it does not compile). */
  counts(): { kept: number; compiledEachTime: number } {
    let kept = 0
    for (const sql of this.#statements.values()) if (sql) kept += 1
    return { kept, compiledEachTime: this.#statements.size - kept }
  }
}
