import { type Kysely, sql } from 'kysely'
import { execScript } from '../exec-script'

// Progress of a streamed CSV import, written once per batch so the console can poll it
// (GET /api/v1/imports/{id}/) while the upload is still running.
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `
    create table import_jobs (
      id varchar(64) primary key,
      kind varchar(32) not null,
      card_id integer references cards(id) on delete set null,
      channel_id integer references channels(id) on delete set null,
      user_id integer references users(id) on delete set null,
      processed integer not null default 0,
      created integer not null default 0,
      existing integer not null default 0,
      invalid integer not null default 0,
      done boolean not null default false,
      error varchar(255),
      created_date timestamptz not null default now(),
      modified_date timestamptz not null default now()
    );
    create index import_jobs_created_idx on import_jobs (created_date desc)
  `)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_jobs`.execute(db)
}
