import { execFileSync } from 'node:child_process'
import { describe, expect, inject, it } from 'vitest'
import { api, CHANNEL, uid } from '../helpers/api'
import { rawRow } from '../fixtures/payments'
import { signInSession } from '../helpers/session'

const GPAY = 'omnicore.libs.payment_gateways.gpay.GPayGateway'
const MASKED = /^•+ [0-9a-f]{8}$/

/**
 * Secrets of every shape the probe found in clear (issue 9, items 1–2): declared ones, a numeric password,
 * lists, and undeclared keys a name pattern misses, nested too. Distinct values, so a leak is findable.
 */
function hostileConfig(tag: string) {
  return {
    auth: {
      password: 987654321,
      merchant_id: '111111',
      terminal_id: '111111',
      prov_username: { oos: 'oos', refund: 'refund' },
      pin: `Sx-pin-${tag}`,
      pin_code: 4321987,
    },
    mode: 'TEST',
    store_key: `Sx-store-${tag}`,
    refund_url: 'https://sanalposprovtest.garanti.com.tr/VPServlet',
    company_name: 'AAA',
    api_keys: [`Sx-apikey1-${tag}`, `Sx-apikey2-${tag}`],
    pwd: `Sx-pwd-${tag}`,
    pass: `Sx-pass-${tag}`,
    merchant_key: `Sx-mkey-${tag}`,
    credentials: { user: `Sx-creduser-${tag}`, secret: `Sx-credsecret-${tag}` },
    key: `Sx-key-${tag}`,
  }
}

/** The config as stored and read back: the declared string `password` comes back a string, defaults filled in. */
function storedConfig(tag: string) {
  const config = hostileConfig(tag)
  return { ...config, auth: { ...config.auth, password: '987654321' }, version: 'v0.01', timeout_period: 300 }
}

/** Every string (and number) at the leaves of a value. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(leaves)
  return [String(value)]
}

/** The values an admin sees in clear where a viewer sees a mask: the secrets, by the app's own rule. */
function secretsOf(admin: unknown, viewer: unknown): string[] {
  if (typeof viewer === 'string' && MASKED.test(viewer)) return leaves(admin)
  if (admin && viewer && typeof admin === 'object' && typeof viewer === 'object')
    return Object.keys(admin).flatMap((key) => secretsOf((admin as Record<string, unknown>)[key], (viewer as Record<string, unknown>)[key]))
  return []
}

async function createPos(tag: string) {
  const created = await api('POST', '/api/v1/pos/', {
    name: `Secrets ${tag}`,
    slug: uid('secrets'),
    gateway: GPAY,
    config: hostileConfig(tag),
    resource_url: 'https://sanalposprovtest.garanti.com.tr/servlet/gt3dengine',
    channel: CHANNEL,
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created
}

describe('gateway secrets (issue 9, items 1 and 2)', () => {
  it('gives admins the config in clear and viewers (token or session) every secret masked, never cached', async () => {
    const tag = uid('v')
    const created = await createPos(tag)
    expect(created.body.config).toEqual(storedConfig(tag))
    expect(created.headers.get('cache-control')).toBe('no-store')
    const id = created.body.pk

    const viewerToken = { token: inject('viewerToken') }
    const session = await signInSession('viewer@example.com', 'viewer-password')
    const viewerSession = { token: null, headers: { cookie: session.cookie } }
    for (const [who, options] of [['viewer token', viewerToken], ['viewer session', viewerSession]] as const) {
      const detail = await api('GET', `/api/v1/pos/${id}/`, undefined, options)
      const list = await api('GET', `/api/v1/pos/?id=${id}`, undefined, options)
      expect(detail.status, who).toBe(200)
      expect(detail.headers.get('cache-control'), who).toBe('no-store')
      expect(list.headers.get('cache-control'), who).toBe('no-store')
      expect(list.body.results, who).toEqual([detail.body])
      const text = JSON.stringify([detail.body, list.body])
      for (const secret of [...leaves(hostileConfig(tag)).filter((value) => value.startsWith('Sx-')), '987654321', '4321987'])
        expect(text, `${who}: ${secret}`).not.toContain(secret)
      const config = detail.body.config
      expect(config.auth).toMatchObject({ password: expect.stringMatching(MASKED), merchant_id: '111111', pin: expect.stringMatching(MASKED), pin_code: expect.stringMatching(MASKED) })
      for (const key of ['store_key', 'api_keys', 'pwd', 'pass', 'merchant_key', 'credentials', 'key']) expect(config[key], `${who}: ${key}`).toMatch(MASKED)
      expect(config).toMatchObject({ mode: 'TEST', company_name: 'AAA', refund_url: 'https://sanalposprovtest.garanti.com.tr/VPServlet' })
    }
    // Admins read them back in clear (the spec's contract), over a token and a session alike.
    expect((await api('GET', `/api/v1/pos/${id}/`)).body.config).toEqual(storedConfig(tag))
    const admin = await signInSession('admin@example.com', 'admin-password')
    expect((await api('GET', `/api/v1/pos/${id}/`, undefined, { token: null, headers: { cookie: admin.cookie } })).body.config).toEqual(storedConfig(tag))
  })

  it('leaves no secret any test stored readable in a pg_dump of the database (pos and audit_log)', async () => {
    if (inject('engine') !== 'postgres') return
    // A secret changed and a POS deleted leave their old values only in the audit log: they must be masked there too.
    const tag = uid('d')
    const created = await createPos(tag)
    const changed = await api('PATCH', `/api/v1/pos/${created.body.pk}/`, { config: { ...hostileConfig(tag), pwd: `Sx-pwd2-${tag}` } })
    expect(changed.status).toBe(200)
    const gone = await createPos(`${tag}-gone`)
    expect((await api('DELETE', `/api/v1/pos/${gone.body.pk}/`)).status).toBe(204)

    // Every POS of the database, as the admin and as a viewer see it: where they differ is a secret.
    const secrets = new Set([...leaves(hostileConfig(tag)), `Sx-pwd2-${tag}`, ...leaves(hostileConfig(`${tag}-gone`))].filter((value) => value.startsWith('Sx-')))
    secrets.add('987654321')
    secrets.add('4321987')
    for (let page = 1; ; page++) {
      const asAdmin = await api('GET', `/api/v1/pos/?limit=500&page=${page}`)
      const asViewer = await api('GET', `/api/v1/pos/?limit=500&page=${page}`, undefined, { token: inject('viewerToken') })
      asAdmin.body.results.forEach((row: { config: unknown }, index: number) => {
        for (const secret of secretsOf(row.config, asViewer.body.results[index].config)) if (secret.length >= 6) secrets.add(secret)
      })
      if (!asAdmin.body.next) break
    }
    const dump = execFileSync('pg_dump', ['--data-only', inject('databaseUrl')], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8')
    expect(dump).toContain('enc:v2:')
    const found = [...secrets].filter((secret) => dump.includes(secret))
    console.log(`pg_dump scan: ${secrets.size} secrets looked for, ${found.length} found`)
    expect(found).toEqual([])
    const audit = await rawRow(`select changes::text as changes from audit_log where resource = 'pos' and record_id = $1`, [gone.body.pk])
    expect(audit!.map((row) => row.changes).join('')).toContain('••••••')
  })
})
