import 'server-only'
import { readBody } from '@/lib/http/body'
import { NotFoundError } from '@/lib/http/errors'
import { encodedJson, json, noContent } from '@/lib/http/respond'
import { clientAddress } from '@/lib/auth/client-address'
import { signInShopper } from '@/lib/auth/shopper'
import { pathId, storefrontHandler } from './area'
import { adoptBasket, basketView, checkoutPreOrder, findBasketId, findPreOrder, getPreOrder, sessionBasketTotal, setBasketItem } from './basket'
import { availableCardsAnswer } from './card-lookups'
import { parseBinQuery } from './cards'
import { findProduct, getProduct, listProducts } from './catalog'
import { masterpassConfig } from './masterpass'
import { deleteSavedCard, listSavedCards, sendOtp, shopperPhone, stageCard, verifyOtpAndSaveCard } from './stored-cards'

/**
 * The storefront endpoints (spec: storefront-payments-api.txt, plus the shop's own catalog, basket,
 * pre-order and sign-in). Each is a thin handler over a service; the area wrapper (./area.ts) does
 * session, CSRF and errors. Route files under app/ only re-export these.
 */
const shopper = { shopper: true }

// GET /payments/cards/basket/
export const cardsForBasket = storefrontHandler(async (request, { db, channelId, session, language }) => {
  const binNumber = parseBinQuery(new URL(request.url).searchParams.get('bin_number'))
  const amount = await sessionBasketTotal(db, channelId, session)
  return encodedJson(await availableCardsAnswer(db, channelId, amount, { language, binNumber }))
})

// GET /payments/cards/pre-order/
export const cardsForPreOrder = storefrontHandler(async (request, { db, channelId, session, language }) => {
  const binNumber = parseBinQuery(new URL(request.url).searchParams.get('bin_number'))
  const preOrder = await findPreOrder(db, await findBasketId(db, channelId, session))
  return encodedJson(await availableCardsAnswer(db, channelId, preOrder?.total_amount ?? null, { language, binNumber }))
})

// GET /payments/cards/product/{pk}/
export const cardsForProduct = storefrontHandler(async (request, { db, channelId, params, language }) => {
  const binNumber = parseBinQuery(new URL(request.url).searchParams.get('bin_number'))
  const product = await findProduct(db, channelId, pathId(params.pk))
  if (!product) throw new NotFoundError()
  return encodedJson(await availableCardsAnswer(db, channelId, product.price, { language, binNumber }))
})

// POST /payments/stored-cards/ (our documented addition: the card data the spec "cached during earlier step")
export const stageStoredCard = storefrontHandler(async (request, { db, shopper: who }) => {
  await stageCard(db, who!.id, await readBody(request))
  return noContent()
}, shopper)

// GET /payments/stored-cards/phone-number/
export const getPhoneNumber = storefrontHandler(async (_request, { db, shopper: who }) => json(await shopperPhone(db, who!.id)), shopper)

// POST /payments/stored-cards/phone-number/
export const postPhoneNumber = storefrontHandler(async (request, { db, shopper: who, language }) => {
  await sendOtp(db, who!.id, await readBody(request), language)
  return noContent()
}, shopper)

// POST /payments/stored-cards/otp/ → 200 with an empty body, as the spec says
export const postOtp = storefrontHandler(async (request, { db, channelId, shopper: who }) => {
  await verifyOtpAndSaveCard(db, channelId, who!.id, await readBody(request))
  return new Response(null, { status: 200 })
}, shopper)

// GET /masterpass-js/
export const getMasterpassJs = storefrontHandler(async (_request, { db, channelId }) => json(await masterpassConfig(db, channelId)))

// GET /users/saved-cards/
export const getSavedCards = storefrontHandler(
  async (request, { db, shopper: who }) => json(await listSavedCards(db, who!.id, new URL(request.url).searchParams, request.url)),
  shopper,
)

// DELETE /users/saved-cards/{pk}/
export const removeSavedCard = storefrontHandler(async (_request, { db, shopper: who, params }) => {
  await deleteSavedCard(db, who!.id, pathId(params.pk))
  return noContent()
}, shopper)

// POST /users/login/
export const login = storefrontHandler(async (request, { db, channelId, session, setSession }) => {
  const profile = await signInShopper(db, await readBody(request), clientAddress(request.headers))
  await adoptBasket(db, channelId, session.basketId, profile.pk)
  setSession({ shopperId: profile.pk })
  return json(profile)
})

// POST /users/logout/
export const logout = storefrontHandler(async (_request, { setSession }) => {
  setSession({})
  return json({ detail: 'Successfully logged out.' })
})

// GET /products/
export const getProducts = storefrontHandler(async (request, { db, channelId }) =>
  json(await listProducts(db, channelId, new URL(request.url).searchParams, request.url)),
)

// GET /products/{pk}/
export const getProductDetail = storefrontHandler(async (_request, { db, channelId, params }) => json(await getProduct(db, channelId, pathId(params.pk))))

// GET /baskets/basket/
export const getBasket = storefrontHandler(async (_request, { db, channelId, session }) => json(await basketView(db, await findBasketId(db, channelId, session))))

// POST /baskets/basket/ {product, quantity}
export const postBasket = storefrontHandler(async (request, { db, channelId, session, setSession }) => {
  const result = await setBasketItem(db, channelId, session, await readBody(request))
  if (result.session) setSession(result.session)
  return json(result.basket)
})

// POST /orders/checkout/
export const postCheckout = storefrontHandler(async (_request, { db, channelId, session }) =>
  json({ pre_order: await checkoutPreOrder(db, await findBasketId(db, channelId, session)) }),
)

// GET /orders/checkout/
export const getCheckout = storefrontHandler(async (_request, { db, channelId, session }) =>
  json({ pre_order: await getPreOrder(db, await findBasketId(db, channelId, session)) }),
)
