import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { poolSize } from './pool-size'

describe('poolSize', () => {
  it('is two connections per core unless DATABASE_POOL_SIZE says otherwise', () => {
    expect(poolSize({})).toBe(2 * availableParallelism())
    expect(poolSize({ DATABASE_POOL_SIZE: '7' })).toBe(7)
  })

  it('ignores a size that is not a positive whole number', () => {
    for (const bad of ['', '0', '-3', '2.5', 'ten']) expect(poolSize({ DATABASE_POOL_SIZE: bad })).toBe(2 * availableParallelism())
  })
})
