import 'server-only'
import { randomUUID } from 'node:crypto'
import { answerChallenge, readChallenge, returnUrl } from '@/lib/gateways/dummypay-3d'
import { storefront } from '@/lib/http/areas/storefront'
import { isFormBody, readBody } from '@/lib/http/body'
import { json } from '@/lib/http/respond'
import { storefrontHandler, type StorefrontContext } from '@/lib/storefront/area'
import { findBasketId } from '@/lib/storefront/basket'
import { completeThreeDReturn, payPreOrder, type ShopperContext } from './pay'
import { checkoutLanguage } from './texts'

/**
 * The checkout's doors (on the route table: lib/checkout/routes.ts): Pay and the 3-D Secure return run
 * as the shopper (session, CSRF on Pay); the bank's code form is the bank's own door (its challenge is its proof).
 */
async function shopperContext(context: StorefrontContext): Promise<ShopperContext> {
  const { db, channelId, session, shopper } = context
  const basketId = await findBasketId(db, channelId, session)
  const email = shopper ? (await db.selectFrom('shoppers').select('email').where('id', '=', shopper.id).executeTakeFirst())?.email : undefined
  return { channelId, basketId, shopperId: shopper?.id ?? null, by: email ?? 'guest', language: checkoutLanguage(context.language) }
}

const KEY = /^[A-Za-z0-9_-]{8,64}$/

// POST /storefront/checkout/pay (Idempotency-Key: one per Pay press)
export const pay = storefrontHandler(async (request, context) => {
  const header = request.headers.get('idempotency-key')
  if (header !== null && !KEY.test(header)) return json({ 'Idempotency-Key': ['Use 8 to 64 letters, digits, "-" or "_".'] }, 400)
  const outcome = await payPreOrder(context.db, await shopperContext(context), await readBody(request, storefront.limits.json), header ?? randomUUID())
  return json(outcome, outcome.status === 'declined' ? 402 : 200)
})

// GET /storefront/checkout/3d-return?transaction&amount&result&hash: the bank sends the shopper back here
export const threeDReturn = storefrontHandler(async (request, context) => {
  const outcome = await completeThreeDReturn(context.db, await shopperContext(context), new URL(request.url).searchParams)
  const target = outcome.status === 'succeeded' ? outcome.result_url : `/storefront/checkout?declined=${encodeURIComponent(outcome.status === 'declined' ? outcome.code : 'declined')}`
  return new Response(null, { status: 303, headers: { location: target } })
})

function bankError(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })
}

// POST /storefront/3d-secure/verify (form: the challenge fields, code, action=approve|cancel)
export async function bankVerify(request: Request): Promise<Response> {
  if (!isFormBody(request.headers.get('content-type'))) return bankError(400, 'Expected a form.')
  // Capped as it streams (the area's form cap); too large or malformed answers the area's 413/400.
  const form = (await readBody(request, storefront.limits.form)) as Record<string, unknown>
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) if (typeof value === 'string') params.set(key, value)
  const reading = readChallenge(params)
  if (!reading.ok) return bankError(400, reading.reason === 'expired' ? 'This 3-D Secure request has expired.' : 'This 3-D Secure request is not valid.')
  const target = params.get('action') === 'cancel' ? returnUrl(reading.challenge, 'failed') : answerChallenge(reading.challenge, params.get('code') ?? '').returnUrl
  return new Response(null, { status: 303, headers: { location: target, 'cache-control': 'no-store' } })
}
