import { describe, expect, it } from 'vitest'
import { KeptStatements } from './kept-statements'

describe('KeptStatements', () => {
  const compiler = (sql: string, parameters: unknown[]) => {
    const calls = { count: 0 }
    return { calls, compile: () => (calls.count++, { sql, parameters }) }
  }

  it('compiles a shape once when its parameters were predicted, then binds each call’s own values', () => {
    const kept = new KeptStatements()
    const first = compiler('select $1', [1])
    expect(kept.statement('one', [1], first.compile)).toEqual({ sql: 'select $1', parameters: [1] })
    const second = compiler('never used', [])
    // A kept text is one of a bounded set: a connection may keep it prepared.
    expect(kept.statement('one', [2], second.compile)).toEqual({ sql: 'select $1', parameters: [2], prepared: true })
    expect(first.calls.count + second.calls.count).toBe(1)
    expect(kept.counts()).toEqual({ kept: 1, compiledEachTime: 0 })
  })

  it('compiles every time a shape whose prediction was wrong, or that has no name', () => {
    const kept = new KeptStatements()
    const wrong = compiler('select $1, $2', [1, 2])
    kept.statement('wrong', [1], wrong.compile)
    expect(kept.statement('wrong', [1], wrong.compile)).toEqual({ sql: 'select $1, $2', parameters: [1, 2] })
    expect(wrong.calls.count).toBe(2)
    const unnamed = compiler('select 1', [])
    kept.statement(undefined, undefined, unnamed.compile)
    kept.statement(undefined, undefined, unnamed.compile)
    expect(unnamed.calls.count).toBe(2)
    expect(kept.counts()).toEqual({ kept: 0, compiledEachTime: 1 })
  })

  it('starts over when it holds its maximum of shapes', () => {
    const kept = new KeptStatements(2)
    for (const shape of ['a', 'b', 'c']) kept.statement(shape, [], compiler(shape, []).compile)
    expect(kept.counts()).toEqual({ kept: 1, compiledEachTime: 0 })
  })
})
