import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { startOwnServer, Visitor } from '../helpers/shop'

// A server of this file's own: OTP life 3 s, resend cooldown 1 s, 4 codes a day, card data kept 4 s,
// and the spec's ENABLE_X_COOKIE_HEADER, so the time rules are tested without waiting minutes.
const CSRF_FAILED = { detail: 'CSRF Failed: CSRF token missing or incorrect.' }
const VISA = '4111111111111111'
const MASTERCARD = '5555555555554444'
const CARD = { name: 'My Visa', card_number: '4111 1111 1111 1111', card_holder: 'Ayse Yilmaz', card_month: '12', card_year: '2031', card_cvv: '737' }

let own: Awaited<ReturnType<typeof startOwnServer>>
let base = ''
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  own = await startOwnServer({ OTP_TTL_SECONDS: '3', OTP_RESEND_COOLDOWN_SECONDS: '1', OTP_DAILY_LIMIT: '4', CARD_STAGING_TTL_SECONDS: '4', ENABLE_X_COOKIE_HEADER: '1' })
  base = own.server.baseUrl
}, 120_000)

afterAll(async () => {
  await own?.stop()
})

async function outboxCode(phone: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/sms_outbox/?phone_number=${phone}`, { headers: { authorization: `Token ${inject('token')}` } })
  expect(response.status).toBe(200)
  const body = await response.json()
  const code = /\b(\d{6})\b/.exec(body.results[0].body)?.[1]
  expect(code).toBeDefined()
  return code!
}

async function requestCode(visitor: Visitor, phone = '0555 123 45 67') {
  const sent = await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })
  expect(sent.status, sent.text).toBe(204)
  return outboxCode(phone.replace(/\s/g, '').replace(/^0/, ''))
}

describe('session and CSRF', () => {
  it('sets osessionid and csrftoken on the first answer and refuses state changes without the token', async () => {
    const visitor = new Visitor(base)
    const first = await visitor.call('GET', '/products/')
    const cookies = first.headers.getSetCookie().join('\n')
    expect(cookies).toMatch(/osessionid=[^;]+;.*HttpOnly/i)
    expect(cookies).toMatch(/csrftoken=[\w-]{20,};/)
    expect(cookies).not.toMatch(/csrftoken=[^\n]*HttpOnly/i)
    // Later answers do not set a new token.
    expect((await visitor.call('GET', '/products/')).headers.getSetCookie().join('\n')).not.toMatch(/csrftoken=/)

    expect(await visitor.call('POST', '/users/login/', { email: 'shopper@example.com', password: 'shopper-password' }, { csrf: null })).toMatchObject({ status: 403, body: CSRF_FAILED })
    expect(await visitor.call('POST', '/users/login/', { email: 'shopper@example.com', password: 'shopper-password' }, { csrf: 'wrong-token-wrong-token-wrong' })).toMatchObject({ status: 403, body: CSRF_FAILED })
    expect(await visitor.call('POST', '/baskets/basket/', { product: 1, quantity: 1 }, { csrf: null })).toMatchObject({ status: 403, body: CSRF_FAILED })
    expect(await visitor.call('POST', '/users/login/', { email: 'shopper@example.com', password: 'not-it' })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Unable to log in with provided credentials.'] },
    })
    expect(await visitor.call('POST', '/users/login/', {})).toMatchObject({ status: 400, body: { email: ['This field is required.'], password: ['This field is required.'] } })
    const signedIn = await visitor.call('POST', '/users/login/', { email: 'shopper@example.com', password: 'shopper-password' })
    expect(signedIn).toMatchObject({ status: 200, body: { pk: expect.any(Number), email: 'shopper@example.com' } })
  })

  it('reads X-Cookie in place of Cookie when ENABLE_X_COOKIE_HEADER is on (the spec\'s "TEST IT")', async () => {
    const visitor = await new Visitor(base).signIn()
    const phone = await visitor.call('GET', '/payments/stored-cards/phone-number/', undefined, { cookieHeader: 'x-cookie', headers: { 'accept-language': 'tr' } })
    expect(phone).toMatchObject({ status: 200, body: { phone_number: '5551234567' } })
    expect((await visitor.call('GET', '/payments/stored-cards/phone-number/', undefined, { cookieHeader: 'none' })).status).toBe(401)
  })

  it('asks anonymous visitors to sign in for stored cards', async () => {
    const visitor = await new Visitor(base).start()
    expect(await visitor.call('GET', '/payments/stored-cards/phone-number/')).toMatchObject({ status: 401, body: { detail: 'Authentication credentials were not provided.' } })
    expect((await visitor.call('POST', '/payments/stored-cards/', CARD)).status).toBe(401)
    expect((await visitor.call('GET', '/users/saved-cards/')).status).toBe(401)
  })
})

describe('stored cards with an OTP', () => {
  it('saves a card after the OTP: tokenized per POS, masked, listed without its token; the same card again updates it', async () => {
    const visitor = await new Visitor(base).signIn()
    expect((await visitor.call('POST', '/payments/stored-cards/', CARD)).status).toBe(204)
    // The spec's example phone number, with its leading 0 and spaces.
    const code = await requestCode(visitor, '0555 123 45 67')
    const saved = await visitor.call('POST', '/payments/stored-cards/otp/', { otp: code })
    expect(saved.status).toBe(200)
    expect(saved.text).toBe('')
    const list = await visitor.call('GET', '/users/saved-cards/')
    expect(list.status).toBe(200)
    const mine = list.body.results.filter((card: any) => card.masked_card_number === '411111******1111')
    expect(mine).toEqual([{ pk: expect.any(Number), name: 'My Visa', masked_card_number: '411111******1111', pos: expect.any(Number), user: expect.any(Number) }])
    expect(list.text).not.toContain(VISA)
    expect(list.text).not.toContain('token')

    // Replay after success: the code is spent.
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: code })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['This verification code has already been used. Request a new code.'] },
    })

    // The same card, renamed: one saved card, updated (found by its keyed fingerprint).
    await sleep(1100)
    expect((await visitor.call('POST', '/payments/stored-cards/', { ...CARD, name: 'Visa again' })).status).toBe(204)
    expect((await visitor.call('POST', '/payments/stored-cards/otp/', { otp: await requestCode(visitor) })).status).toBe(200)
    const again = (await visitor.call('GET', '/users/saved-cards/')).body.results.filter((card: any) => card.masked_card_number === '411111******1111')
    expect(again).toEqual([{ ...mine[0], name: 'Visa again' }])
  })

  it('validates the card form and the phone number, naming the field', async () => {
    const visitor = await new Visitor(base).signIn()
    expect(await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_number: '4111 1111 1111 1112' })).toMatchObject({ status: 400, body: { card_number: ['Enter a valid card number.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_month: '13' })).toMatchObject({ status: 400, body: { card_month: ['Enter a month from 1 to 12.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_year: '2020' })).toMatchObject({ status: 400, body: { card_year: ['The card has expired.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_cvv: '12' })).toMatchObject({ status: 400, body: { card_cvv: ['Enter the 3 or 4 digit security code.'] } })
    const missing = await visitor.call('POST', '/payments/stored-cards/', {})
    expect(missing.status).toBe(400)
    expect(Object.keys(missing.body).sort()).toEqual(['card_holder', 'card_month', 'card_number', 'card_year', 'name'])
    // A refused card number is never echoed.
    expect((await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_number: '4111111111111112' })).text).not.toContain('4111111111111112')
    for (const phone of ['555123', '0555 123 45 67 890 12', 'phone-number'])
      expect(await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })).toMatchObject({ status: 400, body: { phone_number: ['Enter a phone number of 10 to 14 digits.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: '12' })).toMatchObject({ status: 400, body: { otp: ['Enter the 4 to 8 digit code.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', {})).toMatchObject({ status: 400, body: { otp: ['This field is required.'] } })
  })

  it('refuses a wrong code, voids it on the 5th wrong try, expires it, and needs the card data', async () => {
    const visitor = await new Visitor(base).signIn('shopper2@example.com', 'shopper2-password')
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: '123456' })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Phone number not found. Request a verification code first.'] },
    })
    expect((await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_number: MASTERCARD, name: 'MC' })).status).toBe(204)
    const code = await requestCode(visitor, '05327654321')
    const wrong = code === '000000' ? '111111' : '000000'
    for (let attempt = 1; attempt <= 4; attempt++)
      expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: wrong })).toMatchObject({ status: 400, body: { otp: ['The verification code is not correct.'] } })
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: wrong })).toMatchObject({
      status: 400,
      body: { otp: ['The verification code is not correct. Too many wrong codes. Request a new code.'] },
    })
    // The right code no longer works once voided.
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: code })).toMatchObject({ status: 400, body: { non_field_errors: ['Too many wrong codes. Request a new code.'] } })

    // Expiry (OTP life 3 s here).
    await sleep(1100)
    const fresh = await requestCode(visitor, '05327654321')
    await sleep(3200)
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: fresh })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['The verification code has expired. Request a new code.'] },
    })
    // The card data is gone after its 4 s as well.
    const late = await requestCode(visitor, '05327654321')
    expect(await visitor.call('POST', '/payments/stored-cards/otp/', { otp: late })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Card details not found or expired. Enter the card again.'] },
    })
  })

  it('throttles resends (429 with Retry-After) and caps sends per phone per day', async () => {
    const visitor = await new Visitor(base).signIn()
    const phone = '5559876543'
    expect((await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })).status).toBe(204)
    const throttled = await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(throttled.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/)
    // OTP_DAILY_LIMIT is 4 on this server.
    for (let send = 2; send <= 4; send++) {
      await sleep(1100)
      expect((await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })).status).toBe(204)
    }
    await sleep(1100)
    const capped = await visitor.call('POST', '/payments/stored-cards/phone-number/', { phone_number: phone })
    expect(capped.status).toBe(429)
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(80_000)
  })

  it("lists and deletes only the shopper's own cards (another shopper's card is 404)", async () => {
    const owner = await new Visitor(base).signIn()
    const cards = (await owner.call('GET', '/users/saved-cards/')).body.results
    expect(cards.length).toBeGreaterThan(0)
    const stranger = await new Visitor(base).signIn('shopper2@example.com', 'shopper2-password')
    expect(await stranger.call('DELETE', `/users/saved-cards/${cards[0].pk}/`)).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
    expect((await stranger.call('GET', '/users/saved-cards/')).body.results.map((card: any) => card.pk)).not.toContain(cards[0].pk)
    expect(await owner.call('DELETE', `/users/saved-cards/${cards[0].pk}/`, undefined, { csrf: null })).toMatchObject({ status: 403, body: CSRF_FAILED })
    expect((await owner.call('DELETE', `/users/saved-cards/${cards[0].pk}`)).status).toBe(204)
    expect((await owner.call('DELETE', `/users/saved-cards/${cards[0].pk}/`)).status).toBe(404)
  })

  it('keeps no card number or CVV in the database (pg_dump after the flow)', async () => {
    const databaseUrl = own.databaseUrl
    if (!databaseUrl) return expect(inject('engine')).toBe('pglite')
    const visitor = await new Visitor(base).signIn()
    await sleep(1100)
    expect((await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_number: MASTERCARD, card_cvv: '4821' })).status).toBe(204)
    expect((await visitor.call('POST', '/payments/stored-cards/otp/', { otp: await requestCode(visitor, '05551234567') })).status).toBe(200)
    // And one card left staged (entered, never verified): still encrypted.
    expect((await visitor.call('POST', '/payments/stored-cards/', { ...CARD, card_cvv: '9173' })).status).toBe(204)
    const dump = execFileSync('pg_dump', ['--data-only', databaseUrl], { maxBuffer: 256 * 1024 * 1024 }).toString()
    expect(dump).toContain('555555******4444')
    for (const secret of [VISA, MASTERCARD, '5555 5555 5555 4444', '4111 1111 1111 1111']) expect(dump).not.toContain(secret)
    // CVVs as standalone values (4-digit runs occur inside hashes and BINs by chance).
    for (const cvv of ['4821', '9173']) expect(dump).not.toMatch(new RegExp(`(^|[^\\w])${cvv}([^\\w]|$)`, 'm'))
  })
})

describe('GET /api/v1/sms_outbox/', () => {
  it('is for admins only', async () => {
    const viewer = await fetch(`${base}/api/v1/sms_outbox/`, { headers: { authorization: `Token ${inject('viewerToken')}` } })
    // This server seeds no viewer token: unknown token → 401; the shared server's viewer gets 403 (below).
    expect([401, 403]).toContain(viewer.status)
    const shared = await fetch(`${inject('baseUrl')}/api/v1/sms_outbox/?phone_number=5551234567`, { headers: { authorization: `Token ${inject('viewerToken')}` } })
    expect(shared.status).toBe(403)
    const admin = await fetch(`${inject('baseUrl')}/api/v1/sms_outbox/?phone_number=05551234567`, { headers: { authorization: `Token ${inject('token')}` } })
    expect(admin.status).toBe(200)
    expect(await admin.json()).toMatchObject({ count: expect.any(Number), next: null, previous: null, results: expect.any(Array) })
  })
})
