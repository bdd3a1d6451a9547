import { readFileSync } from 'node:fs'
import { expect, test as teardown } from '@playwright/test'
import { findCardData } from '../lib/checkout/card-leaks'
import { CARDS, CVV } from './checkout-cards'
import { dropDatabase, dumpDatabase, postgresRun, stopServer } from './postgres-server'

// After the checkout spec on PostgreSQL: neither the database nor the server log holds a full card
// number or the CVV the spec typed. The server stops and the database is dropped whatever is found.
teardown('no card number or CVV in the pg_dump or the server log', async () => {
  teardown.setTimeout(120_000)
  const run = postgresRun()
  const typed = { numbers: Object.values(CARDS), cvv: CVV }
  try {
    const dump = dumpDatabase()
    // The dump must hold the run's payments, or finding nothing in it proves nothing.
    expect(dump).toContain('411111******1111')
    expect(dump).toContain('555555******4444')
    const log = readFileSync(run.log, 'utf8')
    expect(log).toContain('Ready on')
    const leaks = [...findCardData(dump, typed).map((leak) => ({ in: 'pg_dump', ...leak })), ...findCardData(log, typed).map((leak) => ({ in: 'server log', ...leak }))]
    console.log(`pg_dump of ${run.database}: ${dump.length} characters; server log: ${log.length} characters (kept in ${run.dump} and ${run.log})`)
    expect(leaks).toEqual([])
  } finally {
    await stopServer()
    await dropDatabase()
  }
})
