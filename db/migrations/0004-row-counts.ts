import { type Kysely, sql } from 'kysely'

/**
 * Exact row counts per table and channel, kept by statement-level triggers with transition tables
 * (one upsert per statement, not per row), so unfiltered and channel-only lists of million-row tables
 * answer `count` without scanning. Why this and not a cache: docs/decisions/003-list-counts.md.
 * The tables listed here are the resources whose description sets `countedRows: true` (a unit test checks it).
 */
export const TABLES = ['bin_numbers']

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table row_counts (
      table_name varchar(63) not null,
      channel_id integer not null,
      n bigint not null default 0,
      primary key (table_name, channel_id)
    )
  `.execute(db)

  // Each trigger adds the rows a statement inserted (or subtracts those it deleted) per channel.
  await sql`
    create function row_counts_add() returns trigger language plpgsql as $$
    begin
      insert into row_counts (table_name, channel_id, n)
        select TG_TABLE_NAME, channel_id, count(*) from new_rows group by channel_id
        on conflict (table_name, channel_id) do update set n = row_counts.n + excluded.n;
      return null;
    end $$
  `.execute(db)
  await sql`
    create function row_counts_subtract() returns trigger language plpgsql as $$
    begin
      update row_counts set n = row_counts.n - gone.n
        from (select channel_id, count(*) as n from old_rows group by channel_id) as gone
        where row_counts.table_name = TG_TABLE_NAME and row_counts.channel_id = gone.channel_id;
      return null;
    end $$
  `.execute(db)
  await sql`
    create function row_counts_move() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from old_rows o join new_rows n using (id) where o.channel_id <> n.channel_id) then
        update row_counts set n = row_counts.n - gone.n
          from (select channel_id, count(*) as n from old_rows group by channel_id) as gone
          where row_counts.table_name = TG_TABLE_NAME and row_counts.channel_id = gone.channel_id;
        insert into row_counts (table_name, channel_id, n)
          select TG_TABLE_NAME, channel_id, count(*) from new_rows group by channel_id
          on conflict (table_name, channel_id) do update set n = row_counts.n + excluded.n;
      end if;
      return null;
    end $$
  `.execute(db)
  await sql`
    create function row_counts_reset() returns trigger language plpgsql as $$
    begin
      delete from row_counts where table_name = TG_TABLE_NAME;
      return null;
    end $$
  `.execute(db)

  for (const table of TABLES) {
    const name = sql.raw(table)
    await sql`
      insert into row_counts (table_name, channel_id, n)
        select ${table}, channel_id, count(*) from ${name} group by channel_id
    `.execute(db)
    await sql`
      create trigger ${sql.raw(`${table}_count_insert`)} after insert on ${name}
        referencing new table as new_rows for each statement execute function row_counts_add()
    `.execute(db)
    await sql`
      create trigger ${sql.raw(`${table}_count_delete`)} after delete on ${name}
        referencing old table as old_rows for each statement execute function row_counts_subtract()
    `.execute(db)
    await sql`
      create trigger ${sql.raw(`${table}_count_update`)} after update on ${name}
        referencing old table as old_rows new table as new_rows for each statement execute function row_counts_move()
    `.execute(db)
    await sql`
      create trigger ${sql.raw(`${table}_count_truncate`)} after truncate on ${name}
        for each statement execute function row_counts_reset()
    `.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    for (const event of ['insert', 'delete', 'update', 'truncate'])
      await sql.raw(`drop trigger if exists ${table}_count_${event} on ${table}`).execute(db)
  }
  await sql`drop function if exists row_counts_add, row_counts_subtract, row_counts_move, row_counts_reset`.execute(db)
  await sql`drop table if exists row_counts`.execute(db)
}
