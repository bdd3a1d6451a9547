export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getDb } = await import('./db/connection')
  const { prepareDatabase } = await import('./db/bootstrap')
  await prepareDatabase(await getDb())
}
