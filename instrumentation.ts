export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { stampPeerAddresses } = await import('./lib/auth/peer-address')
  stampPeerAddresses()
  // Under scripts/server.ts (npm start) the database was prepared before Next started.
  const prepared = (globalThis as { __pmDatabasePrepared?: Promise<void> }).__pmDatabasePrepared
  if (prepared) return prepared
  const { getDb } = await import('./db/connection')
  const { prepareDatabase } = await import('./db/bootstrap')
  await prepareDatabase(await getDb())
}
