import { type Kysely, sql } from 'kysely'

/**
 * Every `row_counts` row also carries a version that each statement changing the table's rows of that
 * channel moves forward (inserts, deletes, updates of any column, truncates), from one sequence, in the
 * same transaction as the rows. Two reads that see the same versions therefore see the same rows, which
 * lets a list keep where its deep pages start (lib/resource/page-boundaries.ts,
 * docs/decisions/029-deep-page-boundaries.md). Rows of `row_counts` are no longer deleted (a truncate
 * sets them to 0), so the sum of a table's versions only ever grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence row_counts_version`.execute(db)
  await sql`alter table row_counts add column version bigint not null default nextval('row_counts_version')`.execute(db)
  await createTriggerFunctions(db, true)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createTriggerFunctions(db, false)
  await sql`alter table row_counts drop column version`.execute(db)
  await sql`drop sequence row_counts_version`.execute(db)
}

/**
 * The four trigger functions of `row_counts`: with versions (this migration), or as 0004-row-counts made
 * them (its `down`: counts only, an update that moves no row changes nothing, a truncate deletes the rows).
 */
async function createTriggerFunctions(db: Kysely<unknown>, versioned: boolean) {
  const moved = versioned ? `, version = nextval('row_counts_version')` : ''
  // Add the rows a statement inserted per channel, subtract those it deleted.
  const add = sql.raw(`insert into row_counts (table_name, channel_id, n)
        select TG_TABLE_NAME, channel_id, count(*) from new_rows group by channel_id
        on conflict (table_name, channel_id) do update set n = row_counts.n + excluded.n${moved};`)
  const subtract = sql.raw(`update row_counts set n = row_counts.n - gone.n${moved}
        from (select channel_id, count(*) as n from old_rows group by channel_id) as gone
        where row_counts.table_name = TG_TABLE_NAME and row_counts.channel_id = gone.channel_id;`)
  // An update that moves no row to another channel changes no count, but may change any ordering.
  const unmoved = sql.raw(
    versioned
      ? `update row_counts set version = nextval('row_counts_version')
          where table_name = TG_TABLE_NAME and channel_id in (select channel_id from new_rows);`
      : 'null;',
  )
  const reset = sql.raw(
    versioned
      ? `update row_counts set n = 0, version = nextval('row_counts_version') where table_name = TG_TABLE_NAME;`
      : 'delete from row_counts where table_name = TG_TABLE_NAME;',
  )
  await sql`create or replace function row_counts_add() returns trigger language plpgsql as $$ begin ${add} return null; end $$`.execute(db)
  await sql`create or replace function row_counts_subtract() returns trigger language plpgsql as $$ begin ${subtract} return null; end $$`.execute(db)
  await sql`
    create or replace function row_counts_move() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from old_rows o join new_rows n using (id) where o.channel_id <> n.channel_id) then
        ${subtract}
        ${add}
      else
        ${unmoved}
      end if;
      return null;
    end $$
  `.execute(db)
  await sql`create or replace function row_counts_reset() returns trigger language plpgsql as $$ begin ${reset} return null; end $$`.execute(db)
}
