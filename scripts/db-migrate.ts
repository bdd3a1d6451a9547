import { createDb } from '../db/connection'
import { migrateToLatest } from '../db/migrate'

const db = await createDb(process.env)
const applied = await migrateToLatest(db)
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
await db.destroy()
