import { createDb } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { seedDatabase } from '../db/seed'

const db = await createDb(process.env)
await migrateToLatest(db)
const result = await seedDatabase(db)
console.log('Seeded.', result.users.created.length ? `Users created: ${result.users.created.join(', ')}` : '')
await db.destroy()
