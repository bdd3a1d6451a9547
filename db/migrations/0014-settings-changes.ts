import { type Kysely, sql } from 'kysely'

/**
 * The tables the storefront's card lookups read (its working set: payment options, cards with their banks
 * and card types, installments) record every statement that changes them as one row of weight 1 in
 * `settings_changes`, in the statement's own transaction. The sum of the weights a snapshot sees is then a
 * version of those tables: a later snapshot sees every transaction an earlier one saw, so the sum only
 * grows, and it grows with every committed change. Rows are only inserted (no row is shared, so writers
 * never wait on each other); `compactSettingsChanges` folds them into one row of their summed weight,
 * which keeps the sum. Why: docs/decisions/030-storefront-working-set-cache.md.
 */
export const WORKING_SET_TABLES = ['payment_options', 'cards', 'banks', 'card_types', 'installments']

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table settings_changes (
      id bigint generated always as identity primary key,
      weight bigint not null
    )
  `.execute(db)
  await sql`insert into settings_changes (weight) values (1)`.execute(db)
  await sql`
    create function settings_changed() returns trigger language plpgsql as $$
    begin
      insert into settings_changes (weight) values (1);
      return null;
    end $$
  `.execute(db)
  for (const table of WORKING_SET_TABLES)
    await sql`
      create trigger ${sql.raw(`${table}_settings_changed`)} after insert or update or delete or truncate on ${sql.raw(table)}
        for each statement execute function settings_changed()
    `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of WORKING_SET_TABLES) await sql.raw(`drop trigger if exists ${table}_settings_changed on ${table}`).execute(db)
  await sql`drop function if exists settings_changed`.execute(db)
  await sql`drop table if exists settings_changes`.execute(db)
}
