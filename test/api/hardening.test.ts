import { describe, expect, it } from 'vitest'
import { api, baseUrl, CHANNEL, uid } from '../helpers/api'
import { binAllocator, createCard } from '../helpers/fixtures'
import { rawRow } from '../fixtures/payments'
import { signIn } from '../helpers/session'

// Slice 9 of the test BIN range is this file's.
const bins = binAllocator(9)
const BOUNDARY = '----pm-harden-boundary'

/** A multipart body whose file part is cut off: no closing boundary, as a dropped upload arrives. */
function truncatedMultipart(fileText: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="cut.csv"\r\nContent-Type: text/csv\r\n\r\n${fileText}`
}

const postRaw = (path: string, raw: string) => api('POST', path, undefined, { raw, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } })

async function binsPresent(numbers: string[]): Promise<string[]> {
  const found: string[] = []
  for (const bin of numbers) {
    const list = await api('GET', `/api/v1/bin_numbers/?bin_number=${bin}`)
    if (list.body.count) found.push(bin)
  }
  return found
}

describe('hardening: malformed uploads, concurrent duplicates, import audit (issue 9, items 5, 11, 12)', () => {
  it('answers a truncated multipart body with a clean 400 on the bank import and writes nothing', async () => {
    const slug = uid('cut-bank')
    const response = await postRaw(`/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`, truncatedMultipart(`name,slug\nCut,${slug}\n`))
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(response.body.detail).toMatch(/^Multipart form parse error/)
    const banks = await api('GET', '/api/v1/banks/?limit=500&ordering=-pk')
    expect(banks.body.results.filter((bank: { slug: string }) => bank.slug === slug)).toEqual([])
  })

  it('answers a truncated multipart body with a clean 400 on the BIN import, not a 200 with a server error', async () => {
    const card = await createCard()
    const numbers = bins.six(3)
    const response = await postRaw(`/api/v1/cards/${card.pk}/bulk_create/`, truncatedMultipart(`${numbers.join('\n')}\n`))
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(response.body.detail).toMatch(/^Multipart form parse error/)
    expect(await binsPresent(numbers)).toEqual([])
  })

  it('reports a cut after the first batch in the streamed answer, keeps the rows before it, ends the job and audits it', async () => {
    const card = await createCard()
    const numbers = bins.eight(6000)
    const response = await postRaw(`/api/v1/cards/${card.pk}/bulk_create/?summary=1`, truncatedMultipart(`${numbers.join('\n')}\n`))
    expect(response.status).toBe(200)
    expect(response.body.non_field_errors).toMatch(/^The upload stopped after \d+ lines: Multipart form parse error - Unexpected end of form/)
    expect(response.body.non_field_errors).not.toMatch(/server error/)
    const importId = response.headers.get('x-import-id')
    const job = await api('GET', `/api/v1/imports/${importId}/`)
    expect(job.body).toMatchObject({ done: true, error: expect.stringMatching(/^The upload stopped/), created: response.body.created })
    const audit = await rawRow(`select changes::text as changes from audit_log where resource = 'cards' and record_id = $1`, [card.pk])
    if (audit) expect(audit.map((row) => JSON.parse(row.changes).bulk_create?.after?.import_id)).toContain(importId)
  })

  it('audits every BIN import, an import that created nothing too', async () => {
    const card = await createCard()
    const form = new FormData()
    form.append('file', new Blob(['not-a-bin\n'], { type: 'text/csv' }), 'bad.csv')
    const response = await api('POST', `/api/v1/cards/${card.pk}/bulk_create/?summary=1`, undefined, { raw: form })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ created: 0, invalid: 1 })
    const audit = await rawRow(`select changes::text as changes from audit_log where resource = 'cards' and record_id = $1`, [card.pk])
    if (audit) expect(audit.map((row) => JSON.parse(row.changes).bulk_create?.after)).toContainEqual(expect.objectContaining({ created: 0, invalid: 1, processed: 1 }))
  })

  it('audits every bank import on its channel with its counts: a header-only file, a zero-byte file and a refused one too', async () => {
    const cookie = await signIn('admin@example.com', 'admin-password')
    expect(cookie).not.toBeNull()
    // The console's audit page is what an admin reads (and the only window onto PGlite from here).
    const entriesShown = async () => {
      const page = await fetch(`${baseUrl()}/audit-log?resource=channels&record_id=${CHANNEL}&limit=500`, { headers: { cookie: cookie! } })
      expect(page.status).toBe(200)
      return (await page.text()).split('banks_bulk_create').length - 1
    }
    const since = new Date().toISOString()
    const path = `/api/v1/banks/bulk_create/?channel_id=${CHANNEL}`
    const csv = (text: string) => {
      const form = new FormData()
      form.append('file', new Blob([text], { type: 'text/csv' }), 'banks.csv')
      return form
    }
    const before = await entriesShown()
    expect(await api('POST', path, undefined, { raw: csv('name,slug,logo\r\n') })).toMatchObject({ status: 200, body: {} })
    const afterHeaderOnly = await entriesShown()
    expect(afterHeaderOnly).toBeGreaterThan(before)
    expect(await api('POST', path, undefined, { raw: csv('') })).toMatchObject({ status: 406, body: { error_code: 'file_100_1' } })
    const afterEmpty = await entriesShown()
    expect(afterEmpty).toBeGreaterThan(afterHeaderOnly)
    expect((await api('POST', path, undefined, { raw: csv('name,slug\n"Unclosed,x\n') })).status).toBe(400)
    expect(await entriesShown()).toBeGreaterThan(afterEmpty)

    const rows = await rawRow(`select changes::text as changes from audit_log where resource = 'channels' and record_id = $1 and at >= $2 order by id`, [CHANNEL, since])
    if (rows) {
      const imports = rows.map((row) => JSON.parse(row.changes).banks_bulk_create?.after)
      expect(imports).toEqual([
        { rows: 0, created: 0, refused: 0 },
        { rows: 0, created: 0, refused: 0, error: 'File not found please provide an appropriate file' },
        { rows: 0, created: 0, refused: 0, error: expect.stringMatching(/quoted field is not closed/) },
      ])
    }
  })

  it('audits a zero-byte BIN import with counts 0 (it answers 406 file_100_1)', async () => {
    const card = await createCard()
    const form = new FormData()
    form.append('file', new Blob([''], { type: 'text/csv' }), 'empty.csv')
    expect(await api('POST', `/api/v1/cards/${card.pk}/bulk_create/`, undefined, { raw: form })).toMatchObject({ status: 406, body: { error_code: 'file_100_1' } })
    const cookie = await signIn('admin@example.com', 'admin-password')
    const page = await (await fetch(`${baseUrl()}/audit-log?resource=cards&record_id=${card.pk}`, { headers: { cookie: cookie! } })).text()
    expect(page).toContain('bulk_create')
    const audit = await rawRow(`select changes::text as changes from audit_log where resource = 'cards' and record_id = $1 and changes::text like '%bulk_create%'`, [card.pk])
    if (audit) expect(audit.map((row) => JSON.parse(row.changes).bulk_create.after)).toEqual([expect.objectContaining({ processed: 0, created: 0, existing: 0, invalid: 0, error: 'File not found please provide an appropriate file' })])
  })

  it('ends a job whose server stopped renewing its lease as failed with its counts, and leaves a live one alone', async () => {
    const card = await createCard()
    const [stale, live] = [uid('stale-job'), uid('live-job')]
    const inserted = await rawRow(
      `insert into import_jobs (id, kind, card_id, channel_id, processed, created, existing, invalid, heartbeat_at, owner)
       values ($1, 'bin_numbers', $3, $4, 402643, 402000, 600, 43, now() - interval '1 hour', 'gone-server'),
              ($2, 'bin_numbers', $3, $4, 10, 10, 0, 0, now(), 'live-server') returning id`,
      [stale, live, card.pk, CHANNEL],
    )
    if (!inserted) return // PGlite lives inside the server: the kill -9 test (test/faults) covers it end to end.
    expect((await api('GET', `/api/v1/imports/${stale}/`)).body).toMatchObject({
      done: true,
      processed: 402643,
      created: 402000,
      error: 'The server running this import stopped after 402643 lines; rows written before that are kept.',
    })
    expect((await api('GET', `/api/v1/imports/${live}/`)).body).toMatchObject({ done: false, error: null })
    const audit = await rawRow(`select actor, changes::text as changes from audit_log where resource = 'cards' and record_id = $1`, [card.pk])
    const imports = audit!.map((row) => JSON.parse(row.changes).bulk_create?.after).filter(Boolean)
    expect(imports).toEqual([expect.objectContaining({ import_id: stale, created: 402000, processed: 402643 })])
    expect(audit!.find((row) => row.changes.includes(stale))?.actor).toBe('system')
    await rawRow('delete from import_jobs where id = $1', [live])
  })

  it('answers concurrent duplicate installments with the spec\'s 406 installment_100_1, never a 400', async () => {
    for (let round = 0; round < 3; round++) {
      const card = await createCard()
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => api('POST', '/api/v1/installments/', { card: card.pk, installment_count: 3, label: '3 installments' })),
      )
      const statuses = answers.map((answer) => answer.status).sort()
      expect(statuses, JSON.stringify(answers.map((answer) => answer.body))).toEqual([201, 406, 406, 406, 406, 406])
      for (const answer of answers.filter((entry) => entry.status === 406))
        expect(answer.body).toEqual({ non_field_errors: 'Installment: 3 already exists.', error_code: 'installment_100_1' })
    }
  })
})
