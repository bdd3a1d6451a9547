import 'server-only'
export { getDb, closeDb } from './connection'
