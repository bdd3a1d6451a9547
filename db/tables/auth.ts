import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>

/**
 * Console sessions, revocable server-side (db/migrations/0007-sessions-throttle-leases.ts): the sealed
 * cookie carries a random id whose SHA-256 is `id`; a row gone means the session is over on every server.
 */
export interface SessionTable {
  id: string
  user_id: number
  created_at: CreatedAt
  expires_at: string
}

/**
 * Sign-in attempts per key (`pair:<email>|<client>`, `client:<client>`) in a fixed window, counted with one
 * atomic upsert so parallel tries cannot run more password checks than the limit.
 */
export interface LoginThrottleTable {
  key: string
  attempts: number
  window_start: Timestamp
}
