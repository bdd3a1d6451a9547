import { describe, expect, it } from 'vitest'
import { dummyPayClient } from './dummypay'

const pos = { slug: 'dummypay', config: { three_d_enabled: true }, resourceUrl: 'https://dummypay.net/', threeDResourceUrl: 'https://shop.example/3d' }
const card = { number: '4111111111111111', holder: 'Ada', expiryMonth: 5, expiryYear: 2099, cvv: '123' }

describe('DummyPay money moves', () => {
  it('completes a 3-D Secure payment by its transaction id alone, deterministically', async () => {
    const client = dummyPayClient(pos)
    const started = await client.pay({ amount: '10.00', currency: 'TRY', orderNumber: 'O-1', card })
    expect(started.status).toBe('three_d_redirect')
    const transactionId = (started as { transactionId: string }).transactionId
    const done = await client.completeThreeD({ transactionId, amount: '10.00', currency: 'TRY' })
    expect(done).toEqual({ status: 'approved', transactionId, authCode: expect.stringMatching(/^\d{6}$/) })
    expect(await client.completeThreeD({ transactionId, amount: '10.00', currency: 'TRY' })).toEqual(done)
    expect((await client.completeThreeD({ transactionId: 'forged', amount: '10.00', currency: 'TRY' })).status).toBe('declined')
  })
  it('takes MB WAY by phone, refuses a bad phone', async () => {
    const client = dummyPayClient({ ...pos, config: {} })
    expect((await client.pay({ amount: '5.00', currency: 'EUR', orderNumber: 'O-2', mbwayPhone: '+351912345678' })).status).toBe('approved')
    expect(await client.pay({ amount: '5.00', currency: 'EUR', orderNumber: 'O-2', mbwayPhone: '12' })).toMatchObject({ status: 'declined', errorCode: 'invalid_phone' })
  })
  it('refunds and voids unless configured to fail', async () => {
    expect((await dummyPayClient({ ...pos, config: {} }).refund({ transactionId: 'dp_x', amount: '1.00', currency: 'TRY' })).status).toBe('approved')
    expect((await dummyPayClient({ ...pos, config: { fail_on_refund: true } }).refund({ transactionId: 'dp_x', amount: '1.00', currency: 'TRY' })).status).toBe('declined')
    expect((await dummyPayClient({ ...pos, config: { fail_on_void: true } }).void({ transactionId: 'dp_x' })).status).toBe('declined')
  })
})
