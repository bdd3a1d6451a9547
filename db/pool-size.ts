import { availableParallelism } from 'node:os'

/**
 * How many PostgreSQL connections one app server keeps: `DATABASE_POOL_SIZE`, or two per core.
 * More connections than the cores can run at once made every answer slower, not more of them: on this
 * 2-core machine 10 connections had PostgreSQL's backends, the server and the load generator taking the
 * cores from each other (decision 035). Requests beyond the pool wait in its queue, first come first served.
 */
export function poolSize(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const configured = Number(env.DATABASE_POOL_SIZE)
  return Number.isInteger(configured) && configured > 0 ? configured : 2 * availableParallelism()
}
