import { type Kysely, sql } from 'kysely'

/**
 * Exact row counts per value of a reference column (the BINs of each card), kept as `row_counts` keeps
 * them per channel (0004, 0013): statement-level triggers with transition tables, one upsert per
 * statement, each change of a value's rows moving its version forward from the same sequence. A list
 * filtered by that reference alone (`bin_numbers/?card=`) then reads its count and its deep-page version
 * from one row instead of counting its rows. Why: docs/decisions/033-counts-per-card.md.
 * The columns listed here are the references the resources' descriptions name in `countedBy` (a unit
 * test checks it).
 */
export const COUNTED_REFERENCES: { table: string; column: string }[] = [{ table: 'bin_numbers', column: 'card_id' }]

const EVENTS = ['insert', 'delete', 'update', 'truncate'] as const

const triggerName = (table: string, column: string, event: string) => `${table}_${column}_count_${event}`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reference_counts (
      table_name varchar(63) not null,
      column_name varchar(63) not null,
      value integer not null,
      n bigint not null default 0,
      version bigint not null default nextval('row_counts_version'),
      primary key (table_name, column_name, value)
    )
  `.execute(db)

  // The column is the trigger's argument, so one function serves every counted reference; the
  // statement is built with format(%I) and run by EXECUTE, which sees the transition tables too.
  const add = `execute format('insert into reference_counts (table_name, column_name, value, n)
        select %L, %L, %I, count(*) from new_rows where %I is not null group by %I
        on conflict (table_name, column_name, value) do update
          set n = reference_counts.n + excluded.n, version = nextval(''row_counts_version'')',
      TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[0], TG_ARGV[0], TG_ARGV[0]);`
  const subtract = `execute format('update reference_counts set n = reference_counts.n - gone.n, version = nextval(''row_counts_version'')
        from (select %I as value, count(*) as n from old_rows where %I is not null group by %I) as gone
        where reference_counts.table_name = %L and reference_counts.column_name = %L and reference_counts.value = gone.value',
      TG_ARGV[0], TG_ARGV[0], TG_ARGV[0], TG_TABLE_NAME, TG_ARGV[0]);`
  await sql`create function reference_counts_add() returns trigger language plpgsql as $$ begin ${sql.raw(add)} return null; end $$`.execute(db)
  await sql`create function reference_counts_subtract() returns trigger language plpgsql as $$ begin ${sql.raw(subtract)} return null; end $$`.execute(db)
  // An update that moves no row to another value changes no count, but may change any ordering of
  // those rows: their versions move.
  await sql`
    create function reference_counts_move() returns trigger language plpgsql as $$
    declare
      moved boolean;
    begin
      execute format('select exists (select 1 from old_rows o join new_rows n using (id) where o.%I is distinct from n.%I)', TG_ARGV[0], TG_ARGV[0]) into moved;
      if moved then
        ${sql.raw(subtract)}
        ${sql.raw(add)}
      else
        execute format('update reference_counts set version = nextval(''row_counts_version'')
            where table_name = %L and column_name = %L and value in (select %I from new_rows)',
          TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[0]);
      end if;
      return null;
    end $$
  `.execute(db)
  await sql`
    create function reference_counts_reset() returns trigger language plpgsql as $$
    begin
      update reference_counts set n = 0, version = nextval('row_counts_version')
        where table_name = TG_TABLE_NAME and column_name = TG_ARGV[0];
      return null;
    end $$
  `.execute(db)

  for (const { table, column } of COUNTED_REFERENCES) {
    const name = sql.raw(table)
    const ref = sql.raw(column)
    const argument = sql.raw(`'${column}'`)
    await sql`
      insert into reference_counts (table_name, column_name, value, n)
        select ${table}, ${column}, ${ref}, count(*) from ${name} where ${ref} is not null group by ${ref}
    `.execute(db)
    await sql`
      create trigger ${sql.raw(triggerName(table, column, 'insert'))} after insert on ${name}
        referencing new table as new_rows for each statement execute function reference_counts_add(${argument})
    `.execute(db)
    await sql`
      create trigger ${sql.raw(triggerName(table, column, 'delete'))} after delete on ${name}
        referencing old table as old_rows for each statement execute function reference_counts_subtract(${argument})
    `.execute(db)
    await sql`
      create trigger ${sql.raw(triggerName(table, column, 'update'))} after update on ${name}
        referencing old table as old_rows new table as new_rows for each statement execute function reference_counts_move(${argument})
    `.execute(db)
    await sql`
      create trigger ${sql.raw(triggerName(table, column, 'truncate'))} after truncate on ${name}
        for each statement execute function reference_counts_reset(${argument})
    `.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table, column } of COUNTED_REFERENCES)
    for (const event of EVENTS) await sql.raw(`drop trigger if exists ${triggerName(table, column, event)} on ${table}`).execute(db)
  await sql`drop function if exists reference_counts_add, reference_counts_subtract, reference_counts_move, reference_counts_reset`.execute(db)
  await sql`drop table if exists reference_counts`.execute(db)
}
