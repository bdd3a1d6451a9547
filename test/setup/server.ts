/**
 * Vitest global setup, one per project (engine): starts the built app on the production server
 * (scripts/server.ts, as `npm start` runs it: the API fast path in front of Next) on a database
 * made for this run — a fresh PGlite folder, or a fresh PostgreSQL database that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startAppServer } from '../../scripts/app-server'
import { freshDatabase } from '../helpers/databases'

export const TEST_TOKEN = 'pm_test_token_0123456789abcdef'
export const TEST_VIEWER_TOKEN = 'pm_test_viewer_token_0123456789abcdef'
// Order management: a key of the seeded organization, and of a second (empty) one for isolation tests.
export const TEST_OM_KEY = 'om_test_key_0123456789abcdef'
export const TEST_OM_OTHER_KEY = 'om_test_other_key_0123456789abcdef'

export default async function setup(project: TestProject) {
  const engine = project.config.env?.TEST_ENGINE ?? 'pglite'
  const port = Number(project.config.env?.TEST_PORT ?? 3301)
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SEED_API_TOKEN: TEST_TOKEN, SEED_VIEWER_API_TOKEN: TEST_VIEWER_TOKEN, SEED_OM_API_KEY: TEST_OM_KEY, SEED_OM_EXTRA_API_KEY: TEST_OM_OTHER_KEY, NODE_ENV: 'production' }
  delete env.DATABASE_URL
  // Uploads of a run go to a folder of their own, removed afterwards.
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'pm-media-'))
  env.MEDIA_DIR = mediaDir
  const database = await freshDatabase(engine, engine === 'postgres' ? 'pm_test' : 'pm_pglite')
  Object.assign(env, database.env)
  const databaseUrl = database.databaseUrl

  const server = await startAppServer(port, env, 90_000)
  const baseUrl = server.baseUrl

  project.provide('baseUrl', baseUrl)
  project.provide('token', TEST_TOKEN)
  project.provide('viewerToken', TEST_VIEWER_TOKEN)
  project.provide('engine', engine)
  project.provide('databaseUrl', databaseUrl)
  project.provide('serverPid', server.child.pid ?? 0)
  project.provide('omKey', TEST_OM_KEY)
  project.provide('omOtherKey', TEST_OM_OTHER_KEY)

  return async () => {
    await server.stop()
    if (process.env.TEST_SERVER_LOG) console.log(server.output())
    await database.drop()
    rmSync(mediaDir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    token: string
    viewerToken: string
    engine: string
    databaseUrl: string
    omKey: string
    omOtherKey: string
    /** The app server's process id (its memory is read from /proc in the body-cap test). */
    serverPid: number
  }
}
