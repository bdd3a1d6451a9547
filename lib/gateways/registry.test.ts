import { describe, expect, it } from 'vitest'
import {
  configErrorText,
  connectGateway,
  findGateway,
  gatewayChoices,
  gatewayConfigSchema,
  GatewayUnavailableError,
  isSecretConfigKey,
  maskGatewayConfig,
  openGatewayConfig,
  sealGatewayConfig,
  validateGatewayConfig,
} from './registry'
import { pythonJson } from './config-fields'

const DUMMYPAY = 'omnicore.libs.payment_gateways.dummypay.DummyPayGateway'
const GPAY = 'omnicore.libs.payment_gateways.gpay.GPayGateway'
const IYZICO = 'omnicore.libs.payment_gateways.iyzico.IyzicoGateway'

const pos = (config: Record<string, unknown>) => ({ slug: 'dummy', config, resourceUrl: 'https://dummypay.net/', threeDResourceUrl: 'https://dummypay.net/3d/' })
const card = { number: '4111 1111 1111 1111', holder: 'Ada Lovelace', expiryMonth: 12, expiryYear: 2099, cvv: '123' }

describe('gateway registry', () => {
  it('lists the gateways with Omnitron display names', () => {
    expect(gatewayChoices()).toEqual(
      expect.arrayContaining([
        { display_name: 'Dummypay', value: DUMMYPAY },
        { display_name: 'Gpay', value: GPAY },
        { display_name: 'Iyzico', value: IYZICO },
        { display_name: 'Stripe', value: 'omnicore.libs.payment_gateways.stripe.StripeGateway' },
      ]),
    )
    expect(findGateway('nope')).toBeUndefined()
  })

  it('validates a config, fills in defaults and reports errors in declared order as Python prints them', () => {
    expect(validateGatewayConfig(DUMMYPAY, {})).toEqual({
      ok: true,
      config: { three_d_enabled: false, fail_on_refund: false, fail_on_void: false, auth: {} },
    })
    const result = validateGatewayConfig('omnicore.libs.payment_gateways.est.EstGateway', { client_id: 7 })
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(configErrorText(result.errors)).toBe(
        '{"username": ["This field is required."], "store_key": ["This field is required."], "password": ["This field is required."]}',
      )
    expect(pythonJson({ ad: 'Kapıda' })).toBe('{"ad": "Kap\\u0131da"}')
    const parsed = gatewayConfigSchema(GPAY).safeParse({ auth: {} })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['auth.password', 'auth.prov_username', 'store_key', 'refund_url', 'company_name']),
    )
  })

  it('seals declared and secret-looking keys only, and opens them again', () => {
    expect(isSecretConfigKey(GPAY, 'auth.password')).toBe(true)
    expect(isSecretConfigKey(GPAY, ['auth', 'merchant_id'])).toBe(false)
    expect(isSecretConfigKey(GPAY, 'extra_api_key')).toBe(true)
    const config = { auth: { password: 'p@ss', merchant_id: '1' }, store_key: 'sk', company_name: 'AAA' }
    const sealed = sealGatewayConfig(GPAY, config)
    expect(sealed.auth.password).toMatch(/^enc:v1:/)
    expect(sealed.store_key).toMatch(/^enc:v1:/)
    expect(sealed.auth.merchant_id).toBe('1')
    expect(sealGatewayConfig(GPAY, sealed)).toEqual(sealed)
    expect(openGatewayConfig(sealed)).toEqual(config)
    expect(maskGatewayConfig(GPAY, config, '***')).toEqual({ auth: { password: '***', merchant_id: '1' }, store_key: '***', company_name: 'AAA' })
  })

  it('treats everything a gateway does not declare public as secret: lists, numbers, undeclared keys, nested values', () => {
    // The values the probe found in clear in a pg_dump (issue 9, item 2).
    const config = {
      auth: { password: 123456, merchant_id: '1', extra: { pin: '9999' } },
      store_key: 'sk',
      company_name: 'AAA',
      api_keys: ['k-1', 'k-2'],
      pwd: 'p-1',
      pass: 'p-2',
      merchant_key: 'mk',
      credentials: { user: 'u', secret: 's' },
      key: 'k',
      retries: 3,
      refund_url: ['https://evil.example/'],
    }
    const sealed = sealGatewayConfig(GPAY, config)
    // Ciphertext is random base64: a short needle ('mk') may occur in it by chance, so look only outside sealed values.
    const text = JSON.stringify(sealed).replace(/enc:v\d:[\w.-]+/g, 'enc')
    for (const secret of ['123456', '9999', 'k-1', 'k-2', 'p-1', 'p-2', 'mk', '"s"', '"k"', 'evil.example'])
      expect(text, secret).not.toContain(secret)
    expect(sealed.auth.merchant_id).toBe('1')
    expect(sealed.company_name).toBe('AAA')
    expect(sealed.auth.password).toMatch(/^enc:v2:/)
    expect(sealed.api_keys).toMatch(/^enc:v2:/)
    expect(sealed.pwd).toMatch(/^enc:v1:/)
    expect(openGatewayConfig(sealed)).toEqual(config)
    const masked = maskGatewayConfig(GPAY, config, '***')
    expect(masked).toEqual({
      auth: { password: '***', merchant_id: '1', extra: '***' },
      store_key: '***',
      company_name: 'AAA',
      api_keys: '***',
      pwd: '***',
      pass: '***',
      merchant_key: '***',
      credentials: '***',
      key: '***',
      retries: '***',
      refund_url: '***',
    })
    // A gateway with a declared but empty object (DummyPay's `auth`) and an unknown gateway: all secret.
    expect(maskGatewayConfig(DUMMYPAY, { three_d_enabled: true, auth: { key: 'x' } }, '***')).toEqual({ three_d_enabled: true, auth: { key: '***' } })
    expect(maskGatewayConfig('no.such.Gateway', { merchant_id: '1' }, '***')).toEqual({ merchant_id: '***' })
    // `__proto__` stays a plain key and is sealed like any undeclared one.
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "company_name": "AAA"}')
    const sealedHostile = sealGatewayConfig(GPAY, hostile) as Record<string, unknown>
    expect(Object.hasOwn(sealedHostile, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(openGatewayConfig(sealedHostile)).toEqual(hostile)
  })
})

describe('DummyPay client', () => {
  it('approves deterministically, declines the decline card and invalid input', async () => {
    const client = connectGateway(DUMMYPAY, pos({ three_d_enabled: false }))
    const request = { amount: '149.90', currency: 'TRY', orderNumber: 'ORD-1', card }
    const first = await client.pay(request)
    expect(first).toMatchObject({ status: 'approved', transactionId: expect.stringMatching(/^dp_[0-9a-f]{24}$/), authCode: expect.stringMatching(/^\d{6}$/) })
    expect(await client.pay(request)).toEqual(first)
    expect((await client.pay({ ...request, orderNumber: 'ORD-2' }) as { transactionId: string }).transactionId).not.toBe((first as { transactionId: string }).transactionId)
    expect(await client.pay({ ...request, card: { ...card, number: '4000000000000002' } })).toMatchObject({ status: 'declined', errorCode: 'card_declined' })
    expect(await client.pay({ ...request, card: { ...card, number: '4111111111111112' } })).toMatchObject({ status: 'declined', errorCode: 'invalid_card' })
    expect(await client.pay({ ...request, card: { ...card, expiryYear: 2001 } })).toMatchObject({ status: 'declined', message: 'The card has expired.' })
    expect(await client.pay({ ...request, amount: '1.005' })).toMatchObject({ status: 'declined', errorCode: 'invalid_amount' })
    expect(await client.pay({ ...request, amount: '0.00' })).toMatchObject({ status: 'declined', errorCode: 'invalid_amount' })
  })

  it('honours three_d_enabled, fail_on_refund and fail_on_void', async () => {
    const secure = connectGateway(DUMMYPAY, pos({ three_d_enabled: true }))
    const request = { amount: '10', currency: 'TRY', orderNumber: 'ORD-3', card }
    const redirect = await secure.pay(request)
    expect(redirect).toMatchObject({ status: 'three_d_redirect', redirectUrl: expect.stringMatching(/^https:\/\/dummypay\.net\/3d\/\?transaction=dp_/) })
    expect(await secure.pay({ ...request, threeDVerified: true })).toMatchObject({ status: 'approved' })

    const failing = connectGateway(DUMMYPAY, pos({ fail_on_refund: true, fail_on_void: true }))
    expect(await failing.refund({ transactionId: 'dp_1', amount: '5.00', currency: 'TRY' })).toMatchObject({ status: 'declined', errorCode: 'refund_failed' })
    expect(await failing.void({ transactionId: 'dp_1' })).toMatchObject({ status: 'declined', errorCode: 'void_failed' })
    const working = connectGateway(DUMMYPAY, pos({}))
    expect(await working.refund({ transactionId: 'dp_1', amount: '5.00', currency: 'TRY' })).toMatchObject({ status: 'approved', transactionId: expect.stringMatching(/^dp_rf_/) })
    expect(await working.void({ transactionId: 'dp_1' })).toMatchObject({ status: 'approved' })
    const token = await working.tokenize(card)
    expect(token).toEqual({ token: expect.stringMatching(/^dp_tok_/), maskedNumber: '411111******1111' })
    expect(await working.pay({ amount: '1.00', currency: 'TRY', orderNumber: 'ORD-4', cardToken: token.token })).toMatchObject({ status: 'approved' })
  })

  it('refuses payments on gateways that need the provider network', async () => {
    const client = connectGateway(IYZICO, pos({}))
    await expect(client.pay({ amount: '1.00', currency: 'TRY', orderNumber: 'X', card })).rejects.toBeInstanceOf(GatewayUnavailableError)
    await expect(client.refund({ transactionId: 'x', amount: '1.00', currency: 'TRY' })).rejects.toThrow(/Iyzico payments need a connection/)
  })
})
