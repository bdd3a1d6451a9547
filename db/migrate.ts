import { Migrator, sql, type Kysely } from 'kysely'
import { migrations, renamedMigrations } from './migrations'

/**
 * Renames, in a database migrated by an older build, the migrations recorded under their old names
 * (`renamedMigrations`), so Kysely's migrator finds every recorded name in its list. Idempotent and
 * safe to run from several servers at once: each rename matches only a row still under its old name.
 */
export async function renameRecordedMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ present: string | null }>`select to_regclass('kysely_migration')::text as present`.execute(db)
  if (!rows[0]?.present) return []
  return db.transaction().execute(async (trx) => {
    const renamed: string[] = []
    for (const [from, to] of Object.entries(renamedMigrations)) {
      const result = await trx.updateTable('kysely_migration').set({ name: to }).where('name', '=', from).executeTakeFirst()
      if (Number(result.numUpdatedRows) > 0) renamed.push(`${from} → ${to}`)
    }
    return renamed
  })
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  await renameRecordedMigrations(db)
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
