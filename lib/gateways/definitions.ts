import type { Choice } from '@/lib/resource/fields'
import type { ConfigFields } from './config-fields'
import type { GatewayDefinition } from './types'

/** Omnicore's test gateway: its client (./dummypay.ts) really answers, deterministically. */
export const dummyPay: GatewayDefinition = {
  path: 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway',
  description: 'Test gateway: approves every valid card except 4000 0000 0000 0002, with optional 3-D Secure.',
  supportsLivePayments: true,
  config: {
    three_d_enabled: { kind: 'boolean', label: 'Three d enabled', required: false, default: false },
    fail_on_refund: { kind: 'boolean', label: 'Fail on refund', required: false, default: false },
    fail_on_void: { kind: 'boolean', label: 'Fail on void', required: false, default: false },
    auth: { kind: 'object', label: 'Auth', required: false, default: {}, fields: {} },
  },
}

/**
 * Gateways of real providers. Their configs are described exactly (the POS form, validation and
 * secret sealing depend on it), but taking a payment needs the provider's network, which this
 * deployment does not reach: `supportsLivePayments: false`, and the registry's client refuses.
 */
const MODES: Choice[] = [
  { value: 'TEST', display_name: 'Test' },
  { value: 'PROD', display_name: 'Production' },
]

function provider(path: string, description: string, config: ConfigFields): GatewayDefinition {
  return { path, description, supportsLivePayments: false, config }
}

const mode = { kind: 'choice', label: 'Mode', required: false, choices: MODES, default: 'TEST' } as const

export const gpay = provider(
  'omnicore.libs.payment_gateways.gpay.GPayGateway',
  'Garanti BBVA virtual POS and Garanti Pay wallet.',
  {
    auth: {
      kind: 'object',
      label: 'Auth',
      required: true,
      fields: {
        password: { kind: 'string', label: 'Provision password', required: true, maxLength: 64, secret: true },
        merchant_id: { kind: 'string', label: 'Merchant id', required: true, maxLength: 32 },
        terminal_id: { kind: 'string', label: 'Terminal id', required: true, maxLength: 32 },
        prov_username: {
          kind: 'object',
          label: 'Provision users',
          required: true,
          fields: {
            oos: { kind: 'string', label: 'Payment user', required: true, maxLength: 32 },
            refund: { kind: 'string', label: 'Refund user', required: true, maxLength: 32 },
          },
        },
      },
    },
    mode,
    version: { kind: 'string', label: 'Version', required: false, maxLength: 16, default: 'v0.01' },
    store_key: { kind: 'string', label: 'Store key', required: true, maxLength: 64, secret: true },
    refund_url: { kind: 'url', label: 'Refund url', required: true },
    company_name: { kind: 'string', label: 'Company name', required: true, maxLength: 64 },
    timeout_period: { kind: 'integer', label: 'Timeout period (seconds)', required: false, min: 1, max: 3600, default: 300 },
  },
)

export const masterpass = provider(
  'omnicore.libs.payment_gateways.masterpass.MasterpassGateway',
  'Mastercard Masterpass stored-card wallet (Turkey).',
  {
    merchant_id: { kind: 'string', label: 'Merchant id', required: true, maxLength: 32 },
    client_id: { kind: 'string', label: 'Client id', required: true, maxLength: 64 },
    encryption_key: { kind: 'string', label: 'Encryption key', required: true, maxLength: 128, secret: true },
    mac_key: { kind: 'string', label: 'MAC key', required: true, maxLength: 128, secret: true },
    service_url: { kind: 'url', label: 'Service url', required: true },
    sdk_url: { kind: 'url', label: 'JavaScript SDK url', required: false },
    // `custom` merchants authenticate otherwise: the storefront's /masterpass-js/ then gives no merchant_id.
    merchant_type: {
      kind: 'choice',
      label: 'Merchant type',
      required: false,
      default: 'standard',
      choices: [
        { value: 'standard', display_name: 'Standard' },
        { value: 'custom', display_name: 'Custom' },
      ],
    },
    mode,
  },
)

export const iyzico = provider(
  'omnicore.libs.payment_gateways.iyzico.IyzicoGateway',
  'iyzico payment service provider.',
  {
    api_key: { kind: 'string', label: 'API key', required: true, maxLength: 128, secret: true },
    secret_key: { kind: 'string', label: 'Secret key', required: true, maxLength: 128, secret: true },
    base_url: { kind: 'url', label: 'Base url', required: true },
    mode,
  },
)

/** Declared in the order Omnitron reports missing keys (see the spec's pos_100_2 example). */
export const est = provider(
  'omnicore.libs.payment_gateways.est.EstGateway',
  'Nestpay (EST) virtual POS used by Akbank, İş Bankası, Ziraat, Halkbank and others.',
  {
    username: { kind: 'string', label: 'API username', required: true, maxLength: 64 },
    store_key: { kind: 'string', label: 'Store key', required: true, maxLength: 64, secret: true },
    password: { kind: 'string', label: 'API password', required: true, maxLength: 64, secret: true },
    client_id: { kind: 'string', label: 'Client id', required: true, maxLength: 32 },
    store_type: {
      kind: 'choice',
      label: 'Store type',
      required: false,
      default: '3d_pay',
      choices: [
        { value: '3d', display_name: '3D' },
        { value: '3d_pay', display_name: '3D Pay' },
        { value: '3d_pay_hosting', display_name: '3D Pay Hosting' },
      ],
    },
    api_url: { kind: 'url', label: 'API url', required: false },
    mode,
  },
)

export const posnet = provider(
  'omnicore.libs.payment_gateways.posnet.PosnetGateway',
  'Yapı Kredi Posnet virtual POS.',
  {
    merchant_id: { kind: 'string', label: 'Merchant id', required: true, maxLength: 10 },
    terminal_id: { kind: 'string', label: 'Terminal id', required: true, maxLength: 8 },
    posnet_id: { kind: 'string', label: 'Posnet id', required: true, maxLength: 16 },
    enc_key: { kind: 'string', label: 'Encryption key', required: true, maxLength: 64, secret: true },
    api_url: { kind: 'url', label: 'API url', required: true },
    mode,
  },
)

export const payu = provider(
  'omnicore.libs.payment_gateways.payu.PayUGateway',
  'PayU payment service provider.',
  {
    merchant: { kind: 'string', label: 'Merchant code', required: true, maxLength: 32 },
    secret_key: { kind: 'string', label: 'Secret key', required: true, maxLength: 128, secret: true },
    api_url: { kind: 'url', label: 'API url', required: true },
    mode,
  },
)

export const stripe = provider(
  'omnicore.libs.payment_gateways.stripe.StripeGateway',
  'Stripe card payments.',
  {
    publishable_key: { kind: 'string', label: 'Publishable key', required: true, maxLength: 255 },
    secret_key: { kind: 'string', label: 'Secret key', required: true, maxLength: 255, secret: true },
    webhook_secret: { kind: 'string', label: 'Webhook signing secret', required: false, maxLength: 255, secret: true },
  },
)
