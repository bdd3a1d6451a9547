/**
 * CPU time per request, split by process role, read from /proc around each measurement window (Linux;
 * elsewhere every figure is null). Throughput on a shared 2-core machine moves by ±10 % from run to run
 * with whatever else the machine does; the CPU each process spends per answer moves much less, and it
 * says where an answer's cost is: in the server, in PostgreSQL, or in the load generator.
 */
import { readdirSync, readFileSync } from 'node:fs'

export type Role = 'server' | 'database' | 'load' | 'other'

/** Clock ticks (user + system) by process id, with each process's role. */
export type CpuSnapshot = Map<number, { role: Role; ticks: number }>

/** Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every architecture Node runs on. */
const MICROSECONDS_PER_TICK = 10_000

/**
 * Every process's CPU ticks now. `servers` are the process ids whose time counts as the server's (the app
 * or the floor, with their cluster workers); PostgreSQL's processes (postmaster, backends, checkpointer…)
 * are the database's, this process (autocannon runs in it) the load's.
 */
export function cpuSnapshot(servers: ReadonlySet<number>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map()
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return snapshot
  }
  for (const entry of entries) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const parent = Number(fields[1])
      const ticks = Number(fields[11]) + Number(fields[12])
      const role: Role =
        servers.has(pid) || servers.has(parent)
          ? 'server'
          : pid === process.pid
            ? 'load'
            : readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')
              ? 'database'
              : 'other'
      snapshot.set(pid, { role, ticks })
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return snapshot
}

export type CpuByRole = Record<Role, number>

/**
 * CPU microseconds each role spent between two snapshots. A process that ended in between (a pooled
 * PostgreSQL backend closed when idle) is left out rather than counted negative; one that started counts
 * from zero.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuByRole {
  const spent: CpuByRole = { server: 0, database: 0, load: 0, other: 0 }
  for (const [pid, { role, ticks }] of after) spent[role] += (ticks - (before.get(pid)?.ticks ?? 0)) * MICROSECONDS_PER_TICK
  return spent
}

/** Microseconds per request of each role, over several windows: their sums divided, not an average of ratios. */
export function perRequest(windows: { cpu: CpuByRole | null; requests: number }[]): CpuByRole | null {
  const measured = windows.filter((window) => window.cpu !== null)
  const requests = measured.reduce((sum, window) => sum + window.requests, 0)
  if (!measured.length || !requests) return null
  const total: CpuByRole = { server: 0, database: 0, load: 0, other: 0 }
  for (const { cpu } of measured) for (const role of Object.keys(total) as Role[]) total[role] += cpu![role]
  for (const role of Object.keys(total) as Role[]) total[role] = Math.round(total[role] / requests)
  return total
}
