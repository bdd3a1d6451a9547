import { type Kysely, sql } from 'kysely'

/** PGlite runs one statement per query (extended protocol), so a DDL script is sent statement by statement. */
export async function execScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((statement) => statement.trim())
    .filter(Boolean)
  for (const statement of statements) await sql.raw(statement).execute(db)
}
