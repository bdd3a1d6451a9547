import { type Kysely, sql } from 'kysely'
import { execScript } from '../exec-script'

/**
 * Issue 9, items 7, 8 and 11:
 * - `sessions`: console sessions the server can end (sign-out, password change, user removal) on every
 *   app server; a user's rows go with the user.
 * - `login_throttle`: one counter row per throttle key, bumped by an atomic upsert (console sign-in no
 *   longer uses the append-only `login_attempts`, whose count-then-insert let parallel tries past the limit).
 * - `import_jobs.heartbeat_at` / `owner`: the lease of the server running an import, so a job whose server
 *   stopped can be ended as failed without ever touching another server's live job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `
    create table sessions (
      id varchar(64) primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expires_idx on sessions (expires_at);

    create table login_throttle (
      key varchar(400) primary key,
      attempts integer not null default 0,
      window_start timestamptz not null default now()
    );
    create index login_throttle_window_idx on login_throttle (window_start);

    alter table import_jobs add column heartbeat_at timestamptz not null default now();
    alter table import_jobs add column owner varchar(64);
    create index import_jobs_running_idx on import_jobs (heartbeat_at) where not done
  `)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `
    drop index if exists import_jobs_running_idx;
    alter table import_jobs drop column if exists owner;
    alter table import_jobs drop column if exists heartbeat_at;
    drop table if exists login_throttle;
    drop table if exists sessions
  `)
}
