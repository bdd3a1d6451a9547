/**
 * A BIN import whose server is killed (issue 9, item 11), on the PostgreSQL engine only, against app
 * servers of its own on a database of its own (never the shared server's other databases).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startAppServer, type AppServer } from '../../scripts/app-server'
import { adminQuery, databaseUrl, queryRows } from '../helpers/databases'

const TOKEN = 'pm_fault_token_0123456789abcdef'
// Ports after the test servers' own (TEST_PORT is base+index): inside the engineer's range when TEST_PORT_BASE is set.
const PORT = Number(process.env.TEST_PORT ?? 3302) + 20
const isPostgres = inject('engine') === 'postgres'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!isPostgres)('a BIN import whose server is killed (issue 9, item 11)', () => {
  const name = `pm_fault_kill_${process.pid}_${Date.now()}`
  // Made when the suite runs (a skipped describe's body still runs, and its afterAll would not remove it).
  let mediaDir = ''
  const env = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl(name),
    SEED_API_TOKEN: TOKEN,
    MEDIA_DIR: mediaDir,
    IMPORT_LEASE_SECONDS: '2',
  })
  let second: AppServer | undefined

  beforeAll(async () => {
    mediaDir = mkdtempSync(path.join(tmpdir(), 'pm-fault-media-'))
    await adminQuery(`create database ${name}`)
  })
  afterAll(async () => {
    await second?.stop()
    await adminQuery(`drop database if exists ${name} with (force)`)
    if (mediaDir) rmSync(mediaDir, { recursive: true, force: true })
  })

  it('ends the job as failed with the counts of the rows it wrote, audited, once the lease is stale', async () => {
    const first = await startAppServer(PORT + 2, env(PORT + 2))
    const headers = { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' }
    const make = async (path: string, body: Record<string, unknown>) => {
      const response = await fetch(`${first.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      expect(response.status).toBe(201)
      return (await response.json()) as { pk: number }
    }
    const pos = await make('/api/v1/pos/', {
      name: 'Kill POS', slug: 'kill-pos', gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway', config: {}, resource_url: 'https://dummypay.net/', channel: 1,
    })
    const bank = await make('/api/v1/banks/', { name: 'Kill Bank', slug: 'kill-bank', channel: 1 })
    const type = await make('/api/v1/card_types/', { name: 'Kill Type', slug: 'kill-type', channel: 1 })
    const card = await make('/api/v1/cards/', {
      name: 'Kill Card', slug: 'kill-card', bank: bank.pk, card_type: type.pk, card_payment_type: 'credit', cash_payment: pos.pk, installment_payment: pos.pk, channel: 1,
    })

    // An upload that keeps coming: 8-digit BINs in chunks, forever, until the server dies under it.
    const importId = `kill-${Date.now()}`
    let next = 10_000_000
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await sleep(20)
        const lines = Array.from({ length: 2000 }, () => String(next++)).join('\n')
        controller.enqueue(encoder.encode(`${lines}\n`))
      },
    })
    const upload = fetch(`${first.baseUrl}/api/v1/cards/${card.pk}/bulk_create/?summary=1`, {
      method: 'POST',
      headers: { authorization: `Token ${TOKEN}`, 'content-type': 'text/csv', 'x-import-id': importId },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: Error) => error)

    const written = async () =>
      (await queryRows<{ processed: number; done: boolean }>(databaseUrl(name), 'select processed, done from import_jobs where id = $1', [importId]))[0]
    const deadline = Date.now() + 30_000
    while (((await written())?.processed ?? 0) < 20_000 && Date.now() < deadline) await sleep(100)
    expect((await written())?.processed).toBeGreaterThanOrEqual(20_000)
    process.kill(-first.child.pid!, 'SIGKILL')
    expect(await upload).toBeInstanceOf(Error)
    expect((await written())?.done).toBe(false)

    second = await startAppServer(PORT + 3, env(PORT + 3))
    await sleep(2500)
    const job = (await (await fetch(`${second.baseUrl}/api/v1/imports/${importId}/`, { headers })).json()) as Record<string, unknown>
    const [{ count }] = await queryRows<{ count: string }>(databaseUrl(name), 'select count(*) from bin_numbers where card_id = $1', [card.pk])
    console.log(`kill -9: job ${JSON.stringify(job)}, ${count} rows present`)
    expect(job).toMatchObject({ done: true, error: expect.stringMatching(/^The server running this import stopped after \d+ lines/) })
    expect(job.created).toBe(Number(count))
    const audit = await queryRows<{ changes: { bulk_create?: { after?: Record<string, unknown> } } }>(
      databaseUrl(name),
      `select changes from audit_log where resource = 'cards' and record_id = $1 and changes ? 'bulk_create'`,
      [card.pk],
    )
    expect(audit.map((row) => row.changes.bulk_create?.after)).toEqual([expect.objectContaining({ import_id: importId, created: Number(count) })])
  }, 120_000)
})
