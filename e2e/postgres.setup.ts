import { test as setup } from '@playwright/test'
import { createDatabase, startServer } from './postgres-server'

// Before the checkout spec's PostgreSQL run: its own database and server (playwright.config.ts).
setup('a fresh PostgreSQL database with the app on it', async ({ baseURL }) => {
  setup.setTimeout(180_000)
  await createDatabase()
  await startServer(Number(new URL(baseURL!).port))
})
