import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Integration tests run against the built app twice: on embedded PGlite and on the PostgreSQL server.
// `npm test` builds once first (scripts/test.ts); the postgres project is left out when no server answers.
const engines = (process.env.TEST_ENGINES ?? 'pglite,postgres').split(',').filter(Boolean)

const shared = {
  alias: { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'test/setup/empty.ts') },
}

export default defineConfig({
  resolve: shared,
  test: {
    projects: [
      {
        resolve: shared,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'db/**/*.test.ts'], environment: 'node' },
      },
      ...engines.map((engine, index) => ({
        resolve: shared,
        test: {
          name: engine,
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/server.ts'],
          env: { TEST_ENGINE: engine, TEST_PORT: String(Number(process.env.TEST_PORT_BASE ?? 3301) + index) },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      })),
    ],
  },
})
