import type { Kysely } from 'kysely'
import { sealGatewayConfig, validateGatewayConfig } from '../lib/gateways/registry'
import type { Database } from './types'

/** Test-environment POS integrations of a Turkish shop; credentials are the providers' published sandbox style. */
const DEMO_POS = [
  {
    name: 'DummyPay',
    slug: 'dummypay',
    gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
    config: { three_d_enabled: false, fail_on_refund: false, fail_on_void: false, auth: {} },
    resource_url: 'https://dummypay.net/',
    three_d_resource_url: 'https://dummypay.net/3d/',
  },
  {
    // The 3-D Secure POS of the storefront's demo cards: DummyPay sends the shopper to the app's own 3-D page.
    name: 'DummyPay 3-D',
    slug: 'dummypay-3d',
    gateway: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
    config: { three_d_enabled: true, fail_on_refund: false, fail_on_void: false, auth: {} },
    resource_url: 'https://dummypay.net/',
    three_d_resource_url: '/storefront/3d-secure/',
  },
  {
    name: 'Test Garanti Pay',
    slug: 'gpay',
    gateway: 'omnicore.libs.payment_gateways.gpay.GPayGateway',
    config: {
      auth: {
        password: '123qweASD/',
        merchant_id: '7000679',
        terminal_id: '30691298',
        prov_username: { oos: 'PROVOOS', refund: 'PROVRFN' },
      },
      mode: 'TEST',
      version: 'v0.01',
      store_key: '12345678',
      refund_url: 'https://sanalposprovtest.garanti.com.tr/VPServlet',
      company_name: 'Demo Shop',
      timeout_period: 300,
    },
    resource_url: 'https://sanalposprovtest.garanti.com.tr/servlet/gt3dengine',
    three_d_resource_url: null,
  },
  {
    name: 'Masterpass',
    slug: 'masterpass',
    gateway: 'omnicore.libs.payment_gateways.masterpass.MasterpassGateway',
    config: {
      merchant_id: '34700001',
      client_id: '34700001',
      encryption_key: 'mp-test-encryption-key-0001',
      mac_key: 'mp-test-mac-key-0001',
      service_url: 'https://test.masterpassturkiye.com/MasterpassJsonServerHandler/v2',
      sdk_url: 'https://test.masterpassturkiye.com/sdk/mfs-client.min.js',
      merchant_type: 'standard',
      mode: 'TEST',
    },
    resource_url: 'https://test.masterpassturkiye.com/',
    three_d_resource_url: null,
  },
  {
    name: 'Iyzico',
    slug: 'iyzico',
    gateway: 'omnicore.libs.payment_gateways.iyzico.IyzicoGateway',
    config: {
      api_key: 'sandbox-demoApiKey0001',
      secret_key: 'sandbox-demoSecretKey0001',
      base_url: 'https://sandbox-api.iyzipay.com',
      mode: 'TEST',
    },
    resource_url: 'https://sandbox-api.iyzipay.com/',
    three_d_resource_url: null,
  },
]

/**
 * Inserts the demo POS integrations of a channel (secrets sealed as the API would seal them) and
 * returns slug → id. Idempotent: existing rows are kept as they are.
 */
export async function seedPos(db: Kysely<Database>, channelId: number): Promise<Record<string, number>> {
  const rows = DEMO_POS.map(({ config, ...pos }) => {
    const checked = validateGatewayConfig(pos.gateway, config)
    if (!checked.ok) throw new Error(`Demo POS ${pos.slug} has an invalid config: ${JSON.stringify(checked.errors)}`)
    return { ...pos, config: JSON.stringify(sealGatewayConfig(pos.gateway, checked.config)), channel_id: channelId }
  })
  await db
    .insertInto('pos')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['slug', 'channel_id']).doNothing())
    .execute()
  const stored = await db
    .selectFrom('pos')
    .select(['id', 'slug'])
    .where('channel_id', '=', channelId)
    .where('slug', 'in', DEMO_POS.map((pos) => pos.slug))
    .execute()
  return Object.fromEntries(stored.map((row) => [row.slug, row.id]))
}
