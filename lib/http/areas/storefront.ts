import 'server-only'
import { NotFoundError } from '@/lib/http/errors'
import { json } from '@/lib/http/respond'
import { isOutboxMode } from '@/lib/sms'
import { latestOutboxMessage } from '@/lib/sms/outbox'
import { storefrontHandler } from '@/lib/storefront/area'
import * as storefrontApi from '@/lib/storefront/handlers'
import { defineArea, route, type Route } from '../area'
import { errorResponse } from '../respond'

/**
 * The storefront JSON endpoints (spec: storefront-payments-api.txt) and the shop's own catalog, basket,
 * pre-order and sign-in. The shopper session (`osessionid`), the CSRF double submit on every
 * state-changing request (403 `CSRF Failed: …`), the session cookies of each answer and DRF-shaped
 * errors are done by `storefrontHandler` (lib/storefront/area.ts), which every handler here is wrapped
 * in; the area adds what every area gives: the fast path, body caps, security headers, 405/OPTIONS,
 * 503 when the database is down. (The double submit is the storefront's same-origin proof, so the
 * Origin rule of cookie writes is not applied twice.)
 */
export const storefront = defineArea<null>({
  name: 'storefront',
  prefixes: ['/payments/cards/', '/payments/stored-cards/', '/users/', '/baskets/', '/orders/', '/products/', '/masterpass-js/', '/storefront/sms-hint/', '/storefront/checkout/pay', '/storefront/checkout/3d-return', '/storefront/3d-secure/verify'],
  authenticate: async () => ({ principal: null, viaCookie: false }),
  renderError: errorResponse,
  limits: { json: 64 * 1024, form: 64 * 1024, upload: 0 },
  sameOriginForCookieWrites: false,
})

type Wrapped = ReturnType<typeof storefrontHandler>

/** A storefront handler as a table handler: the table's params handed over as Next would. */
function shop(method: Route['method'], pattern: string, handler: Wrapped): Route<null> {
  return route(storefront, method, pattern, (request, { params }) => handler(request, { params: Promise.resolve(params) }))
}

// GET /storefront/sms-hint/: the demo's outbox hint (the latest SMS to the shopper's OTP phone), outbox mode only.
const smsHint = storefrontHandler(
  async (_request, { db, shopper }) => {
    if (!isOutboxMode()) throw new NotFoundError()
    const code = await db.selectFrom('otp_codes').select('phone_number').where('shopper_id', '=', shopper!.id).executeTakeFirst()
    const message = code ? await latestOutboxMessage(db, code.phone_number) : undefined
    return json({ body: message?.body ?? null })
  },
  { shopper: true },
)

export const storefrontRoutes: Route[] = [
  shop('GET', '/payments/cards/basket/', storefrontApi.cardsForBasket),
  shop('GET', '/payments/cards/pre-order/', storefrontApi.cardsForPreOrder),
  shop('GET', '/payments/cards/product/{pk}/', storefrontApi.cardsForProduct),
  shop('POST', '/payments/stored-cards/', storefrontApi.stageStoredCard),
  shop('POST', '/payments/stored-cards/otp/', storefrontApi.postOtp),
  shop('GET', '/payments/stored-cards/phone-number/', storefrontApi.getPhoneNumber),
  shop('POST', '/payments/stored-cards/phone-number/', storefrontApi.postPhoneNumber),
  shop('GET', '/masterpass-js/', storefrontApi.getMasterpassJs),
  shop('GET', '/users/saved-cards/', storefrontApi.getSavedCards),
  shop('DELETE', '/users/saved-cards/{pk}/', storefrontApi.removeSavedCard),
  shop('POST', '/users/login/', storefrontApi.login),
  shop('POST', '/users/logout/', storefrontApi.logout),
  shop('GET', '/products/', storefrontApi.getProducts),
  shop('GET', '/products/{pk}/', storefrontApi.getProductDetail),
  shop('GET', '/baskets/basket/', storefrontApi.getBasket),
  shop('POST', '/baskets/basket/', storefrontApi.postBasket),
  shop('GET', '/orders/checkout/', storefrontApi.getCheckout),
  shop('POST', '/orders/checkout/', storefrontApi.postCheckout),
  shop('GET', '/storefront/sms-hint/', smsHint),
]
