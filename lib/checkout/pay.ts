import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database } from '@/db/types'
import type { ChargedLine, CheckoutAttemptTable } from '@/db/tables/checkout'
import { luhnValid, maskCardNumber } from '@/lib/gateways/card-number'
import { challengeUrl, readAnswer } from '@/lib/gateways/dummypay-3d'
import { connectGateway, GatewayUnavailableError, openGatewayConfig, type GatewayClient, type PaymentResult } from '@/lib/gateways/registry'
import { AppError, InvalidError } from '@/lib/http/errors'
import { publicOrigin } from '@/lib/http/request-context'
import { auditEntry, changed, type Actor } from '@/lib/ledger/actor'
import { newPaymentId, recordLedgerPayment } from '@/lib/ledger/payments'
import { basketView } from '@/lib/storefront/basket'
import { monthlyAmountsMinor } from '@/lib/storefront/installment-math'
import { formatMinor, toMinor } from '@/lib/storefront/money'
import { stageCard } from '@/lib/storefront/stored-cards'
import { routePayment, type ChargingPos } from './routing'
import { checkoutSettings, resultPath, THREE_D_RETURN_PATH } from './settings'
import { declineMessage, type CheckoutLanguage } from './texts'

/**
 * The demo checkout's money path (issue 12). A Pay request locks the pre-order row, so double clicks and
 * parallel requests queue; an attempt key (the `Idempotency-Key` header, one per Pay) makes a retry answer
 * what the first request did; a partial unique index allows one successful attempt per pre-order. A
 * decline charges nothing and leaves the pre-order payable. A success writes, in the same transaction,
 * the order with its lines (the installment interest one of them), the ledger payment, the order's
 * receipt backed by it, and empties the basket. 3-D Secure payments finish on the signed return, by the
 * gateway's transaction id: no card data is kept across the redirect.
 */
export type Attempt = Selectable<CheckoutAttemptTable>

export interface ShopperContext {
  channelId: number
  basketId: number | null
  shopperId: number | null
  /** Who appears as createdBy (the shopper's e-mail, or "guest"). */
  by: string
  language: CheckoutLanguage
}

export type PayOutcome =
  | { status: 'succeeded'; attempt: number; order_number: string; amount: string; result_url: string }
  | { status: 'three_d'; attempt: number; redirect_url: string }
  | { status: 'declined'; attempt: number; code: string; detail: string }

/** A 3-D Secure return the shop will not act on (forged, someone else's, replayed): nothing is paid. */
export class ThreeDReturnRefused extends AppError {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

interface CardData {
  number: string
  holder: string
  month: number
  year: number
  cvv: string
}

interface PayInput {
  preOrderId: number
  installmentCount: number
  card?: CardData
  storedCardId?: number
  saveName?: string
}

type Body = Record<string, unknown>

function field(body: Body, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' ? value.trim() : '\u0000'
}

function positiveInt(body: Body, name: string, errors: Record<string, string[]>, max: number): number | undefined {
  const text = field(body, name)
  if (text === undefined || text === '') return undefined
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    errors[name] = [max === 36 ? 'Choose an installment count from 1 to 36.' : `Incorrect type. Expected pk value, received ${typeof body[name]}.`]
    return undefined
  }
  return Number(text)
}

/** Checks the Pay body; 400 names each bad field, and no message ever repeats a card number or CVV. */
export function parsePayInput(input: unknown, now = new Date()): PayInput {
  const body: Body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Body) : {}
  const errors: Record<string, string[]> = {}
  const preOrderId = positiveInt(body, 'pre_order', errors, 2147483647)
  if (preOrderId === undefined && !errors.pre_order) errors.pre_order = ['This field is required.']
  const installmentCount = positiveInt(body, 'installment_count', errors, 36) ?? 1
  const storedCardId = positiveInt(body, 'stored_card', errors, 2147483647)
  let card: CardData | undefined
  if (storedCardId === undefined && !errors.stored_card) {
    const number = field(body, 'card_number')?.replace(/[\s-]/g, '') ?? ''
    if (!number) errors.card_number = ['This field is required.']
    else if (!luhnValid(number)) errors.card_number = ['Enter a valid card number.']
    const holder = field(body, 'card_holder') ?? ''
    if (!holder) errors.card_holder = ['This field is required.']
    else if (holder.length > 128 || holder.includes('\u0000')) errors.card_holder = ['Ensure this field has no more than 128 characters.']
    const monthText = field(body, 'card_month') ?? ''
    const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN
    if (!(month >= 1 && month <= 12)) errors.card_month = ['Enter a month from 1 to 12.']
    const yearText = field(body, 'card_year') ?? ''
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : /^\d{2}$/.test(yearText) ? 2000 + Number(yearText) : NaN
    if (!Number.isFinite(year)) errors.card_year = ['Enter the year as 2 or 4 digits.']
    else if (!errors.card_month && year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) errors.card_year = ['The card has expired.']
    else if (year > now.getUTCFullYear() + 30) errors.card_year = ['Enter a valid expiry year.']
    const cvv = field(body, 'card_cvv') ?? ''
    if (!/^\d{3,4}$/.test(cvv)) errors.card_cvv = ['Enter the 3 or 4 digit security code.']
    card = { number, holder, month, year, cvv }
  }
  let saveName: string | undefined
  if (body.save_card === true || body.save_card === 'true' || body.save_card === 'on') {
    saveName = field(body, 'card_name') ?? ''
    if (!saveName || saveName.length > 64) errors.card_name = ['Enter a name for the card (at most 64 characters).']
    if (storedCardId !== undefined) errors.save_card = ['A saved card is saved already.']
  }
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { preOrderId: preOrderId!, installmentCount, card, storedCardId, saveName }
}

/** A POS's payment client; a relative 3-D page (the app's own) is made absolute for the redirect. */
function clientFor(pos: ChargingPos): GatewayClient {
  const origin = publicOrigin() || 'http://localhost'
  return connectGateway(pos.gateway, {
    slug: pos.slug,
    config: openGatewayConfig(pos.config),
    resourceUrl: pos.resource_url,
    threeDResourceUrl: pos.three_d_resource_url ? new URL(pos.three_d_resource_url, origin).toString() : null,
  })
}

async function posOf(trx: Transaction<Database>, posId: number | null): Promise<ChargingPos> {
  if (posId === null) throw new Error('The POS of this payment was deleted.')
  return trx.selectFrom('pos').select(['id', 'slug', 'gateway', 'config', 'resource_url', 'three_d_resource_url']).where('id', '=', posId).executeTakeFirstOrThrow()
}

export const orderNumberOf = (attemptId: number) => `WEB-${String(attemptId).padStart(6, '0')}`

function actorOf(shopper: ShopperContext): Actor {
  return { via: 'storefront', by: shopper.by, userId: null }
}

function succeeded(attempt: Attempt): PayOutcome {
  return { status: 'succeeded', attempt: attempt.id, order_number: orderNumberOf(attempt.id), amount: attempt.amount, result_url: resultPath(attempt.id) }
}

function declined(attempt: Attempt, language: CheckoutLanguage): PayOutcome {
  const code = attempt.error_code ?? 'declined'
  return { status: 'declined', attempt: attempt.id, code, detail: declineMessage(code, language) }
}

/** What an attempt already answered (a retried request with the same key gets the same answer). */
function outcomeOf(attempt: Attempt, language: CheckoutLanguage): PayOutcome {
  if (attempt.status === 'succeeded') return succeeded(attempt)
  if (attempt.status === 'awaiting_3d') return { status: 'three_d', attempt: attempt.id, redirect_url: attempt3dUrl(attempt) }
  return declined(attempt, language)
}

function expirySeconds(attempt: Attempt): number {
  // Postgres text: "2026-11-30 05:40:00.123456+00" (the offset may carry minutes).
  const iso = attempt.expires_at!.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')
  return Math.floor(Date.parse(iso) / 1000)
}

function attempt3dUrl(attempt: Attempt, redirectUrl?: string): string {
  const origin = publicOrigin() || 'http://localhost'
  const base = redirectUrl ?? new URL(`/storefront/3d-secure/?transaction=${encodeURIComponent(attempt.gateway_transaction_id!)}`, origin).toString()
  return challengeUrl(base, {
    transaction: attempt.gateway_transaction_id!,
    amount: attempt.amount,
    currency: attempt.currency,
    card: attempt.masked_number,
    returnPath: THREE_D_RETURN_PATH,
    expires: expirySeconds(attempt),
  })
}

/** `POST /storefront/checkout/pay`: charges the shopper's pre-order once. */
export async function payPreOrder(db: Kysely<Database>, shopper: ShopperContext, body: unknown, attemptKey: string): Promise<PayOutcome> {
  const input = parsePayInput(body)
  const noPreOrder = () => new InvalidError({ pre_order: ['There is no such order to pay; prepare the order again from the basket.'] })
  if (shopper.basketId === null) throw noPreOrder()
  const basketId = shopper.basketId
  return db.transaction().execute(async (trx) => {
    // The lock every Pay and every 3-D return of this pre-order queues on.
    const preOrder = await trx
      .selectFrom('pre_orders')
      .select(['id', 'basket_total', 'total_amount', 'currency'])
      .where('id', '=', input.preOrderId)
      .where('basket_id', '=', basketId)
      .forUpdate()
      .executeTakeFirst()
    const earlier = await trx
      .selectFrom('checkout_attempts')
      .selectAll()
      .where('pre_order_id', '=', input.preOrderId)
      .where('basket_id', '=', basketId)
      .where((eb) => eb.or([eb('attempt_key', '=', attemptKey), eb('status', '=', 'succeeded')]))
      .orderBy(sql`status = 'succeeded'`, 'desc')
      .executeTakeFirst()
    if (earlier) return outcomeOf(earlier, shopper.language)
    if (!preOrder) throw noPreOrder()

    const basket = await basketView(trx, basketId)
    const lines: ChargedLine[] = basket.basketitem_set.map((line) => ({
      product_id: line.product.pk,
      name: line.product.name,
      quantity: line.quantity,
      unit_price: line.unit_price,
      amount: line.total_amount,
    }))
    if (!lines.length || toMinor(basket.total_amount) !== toMinor(preOrder.basket_total))
      throw new InvalidError({ pre_order: ['The basket changed after the order summary; prepare the order again from the basket.'] })

    let digits: string
    let masked: string
    let token: string | undefined
    let storedPosId: number | undefined
    let holder = input.card?.holder ?? ''
    if (input.storedCardId !== undefined) {
      const saved = shopper.shopperId
        ? await trx
            .selectFrom('saved_cards')
            .select(['id', 'pos_id', 'token', 'masked_card_number', 'name'])
            .where('id', '=', input.storedCardId)
            .where('shopper_id', '=', shopper.shopperId)
            .executeTakeFirst()
        : undefined
      if (!saved) throw new InvalidError({ stored_card: [`Invalid pk "${input.storedCardId}" - object does not exist.`] })
      digits = saved.masked_card_number.slice(0, 6)
      masked = saved.masked_card_number
      token = saved.token
      storedPosId = saved.pos_id
      holder = saved.name
    } else {
      digits = input.card!.number.slice(0, 8)
      masked = maskCardNumber(input.card!.number)
    }
    const route = await routePayment(trx, {
      channelId: shopper.channelId,
      currency: preOrder.currency,
      amount: preOrder.total_amount,
      digits,
      installmentCount: input.installmentCount,
      language: shopper.language,
      storedPosId,
    })

    // A 3-D challenge left unanswered is superseded: its return, should it come, is refused.
    await trx
      .updateTable('checkout_attempts')
      .set({ status: 'abandoned', updated_at: sql<string>`now()` })
      .where('pre_order_id', '=', preOrder.id)
      .where('status', '=', 'awaiting_3d')
      .execute()
    let attempt = await trx
      .insertInto('checkout_attempts')
      .values({
        attempt_key: attemptKey,
        pre_order_id: preOrder.id,
        basket_id: basketId,
        shopper_id: shopper.shopperId,
        channel_id: shopper.channelId,
        status: 'processing',
        amount: route.total,
        base_amount: route.baseAmount,
        currency: preOrder.currency,
        installment_count: route.installmentCount,
        monthly_amount: route.monthly,
        card_id: route.card?.id ?? null,
        pos_id: route.pos.id,
        pos_slug: route.pos.slug,
        masked_number: masked,
        holder,
        expiry_month: input.card?.month ?? null,
        expiry_year: input.card?.year ?? null,
        saved_card_id: input.storedCardId ?? null,
        save_requested: input.saveName !== undefined && shopper.shopperId !== null,
        lines: JSON.stringify(lines),
      })
      .returningAll()
      .executeTakeFirstOrThrow()

    const client = clientFor(route.pos)
    let result: PaymentResult
    try {
      result = await client.pay({
        amount: route.total,
        currency: preOrder.currency,
        orderNumber: orderNumberOf(attempt.id),
        installmentCount: route.installmentCount,
        card: input.card ? { number: input.card.number, holder: input.card.holder, expiryMonth: input.card.month, expiryYear: input.card.year, cvv: input.card.cvv } : undefined,
        cardToken: token,
      })
    } catch (error) {
      if (!(error instanceof GatewayUnavailableError)) throw error
      result = { status: 'declined', errorCode: 'gateway_unavailable', message: error.message }
    }

    if (result.status === 'declined') return declined(await recordDecline(trx, attempt, result.errorCode, result.message, actorOf(shopper)), shopper.language)

    // Card data may wait (encrypted, minutes) for the OTP that saves it: before tokenization only.
    const stage = async () => {
      if (input.saveName === undefined || !shopper.shopperId || !input.card) return
      await stageCard(trx, shopper.shopperId, {
        name: input.saveName,
        card_number: input.card.number,
        card_holder: input.card.holder,
        card_month: String(input.card.month),
        card_year: String(input.card.year),
      })
    }

    if (result.status === 'three_d_redirect') {
      attempt = await trx
        .updateTable('checkout_attempts')
        .set({
          status: 'awaiting_3d',
          gateway_transaction_id: result.transactionId,
          expires_at: sql<string>`now() + make_interval(secs => ${checkoutSettings.threeDTtlSeconds()})`,
          updated_at: sql<string>`now()`,
        })
        .where('id', '=', attempt.id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await stage()
      return { status: 'three_d', attempt: attempt.id, redirect_url: attempt3dUrl(attempt, result.redirectUrl) }
    }

    try {
      attempt = await finalizePayment(trx, attempt, result.transactionId, actorOf(shopper))
      await stage()
    } catch (error) {
      // The money moved but the records did not: give it back rather than keep an unrecorded charge.
      await client.void({ transactionId: result.transactionId }).catch(() => undefined)
      throw error
    }
    return succeeded(attempt)
  })
}

/** The ledger's record of what the gateway did (masked number, holder, expiry; never the number or CVV). */
async function insertLedgerPayment(trx: Transaction<Database>, attempt: Attempt, outcome: { status: 'success' | 'error'; transactionId: string | null; errorCode?: string; message?: string }, actor: Actor) {
  const paymentId = newPaymentId()
  const params: Record<string, unknown> = {
    payment: paymentId,
    amount: attempt.amount,
    method: 'credit_card',
    number: attempt.masked_number,
    name: attempt.holder,
    installment_count: attempt.installment_count,
  }
  if (attempt.expiry_month !== null) params.expiration_month = String(attempt.expiry_month).padStart(2, '0')
  if (attempt.expiry_year !== null) params.expiration_year = String(attempt.expiry_year)
  return recordLedgerPayment(trx, actor, {
    payment_id: paymentId,
    amount: attempt.amount,
    payment_method: 'credit_card',
    status: outcome.status,
    currency: attempt.currency,
    channel_id: attempt.channel_id,
    pos_id: attempt.pos_id,
    gateway_transaction_id: outcome.transactionId,
    error_code: outcome.errorCode ?? null,
    error_message: outcome.message?.slice(0, 255) ?? null,
  }, params)
}

/** A decline: recorded in the ledger as an error, the attempt closed; the pre-order stays payable. */
async function recordDecline(trx: Transaction<Database>, attempt: Attempt, code: string, message: string, actor: Actor): Promise<Attempt> {
  const ledger = await insertLedgerPayment(trx, attempt, { status: 'error', transactionId: attempt.gateway_transaction_id, errorCode: code, message }, actor)
  if (attempt.save_requested && attempt.shopper_id !== null) await trx.deleteFrom('card_stagings').where('shopper_id', '=', attempt.shopper_id).execute()
  return trx
    .updateTable('checkout_attempts')
    .set({ status: 'declined', error_code: code, error_message: message.slice(0, 255), ledger_payment_id: ledger.id, updated_at: sql<string>`now()` })
    .where('id', '=', attempt.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * The approved payment's records, in the caller's transaction: the order (in the channel's organization)
 * with its lines — products, shipping, the installment interest — summing to the amount charged; the
 * ledger payment; the order's complete receipt backed by it; the basket emptied and the pre-order gone.
 */
async function finalizePayment(trx: Transaction<Database>, attempt: Attempt, transactionId: string, actor: Actor): Promise<Attempt> {
  const channel = await trx.selectFrom('channels').select('organization_id').where('id', '=', attempt.channel_id).executeTakeFirstOrThrow()
  if (!channel.organization_id) throw new Error(`Sales channel ${attempt.channel_id} belongs to no organization: order management cannot take its orders.`)
  const option = await trx
    .selectFrom('payment_options')
    .select('id')
    .where('channel_id', '=', attempt.channel_id)
    .where('payment_type', '=', 'credit_card')
    .orderBy(sql`is_active`, 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst()

  const products = attempt.lines
  const productsMinor = products.reduce((sum, line) => sum + toMinor(line.amount), 0n)
  const shippingMinor = toMinor(attempt.base_amount) - productsMinor
  const interestMinor = toMinor(attempt.amount) - toMinor(attempt.base_amount)
  if (shippingMinor < 0n || interestMinor < 0n) throw new Error(`Attempt ${attempt.id}: its lines do not add up to what was charged.`)

  const orderId = randomUUID()
  const number = orderNumberOf(attempt.id)
  await trx
    .insertInto('orders')
    .values({
      id: orderId,
      number,
      organization_id: channel.organization_id,
      channel_id: attempt.channel_id,
      customer_uid: attempt.shopper_id !== null ? `shopper-${attempt.shopper_id}` : `guest-basket-${attempt.basket_id}`,
      currency: attempt.currency,
      total: attempt.amount,
      created_at: sql<string>`now()` as never,
    })
    .execute()
  const lines = [
    ...products.map((line) => ({ order_id: orderId, kind: 'product' as const, product_id: line.product_id, name: line.name, quantity: line.quantity, unit_price: line.unit_price, amount: line.amount })),
    ...(shippingMinor > 0n ? [{ order_id: orderId, kind: 'shipping' as const, product_id: null, name: 'Shipping', quantity: 1, unit_price: formatMinor(shippingMinor), amount: formatMinor(shippingMinor) }] : []),
    ...(interestMinor > 0n
      ? [{ order_id: orderId, kind: 'installment_interest' as const, product_id: null, name: `Installment interest (${attempt.installment_count} installments)`, quantity: 1, unit_price: formatMinor(interestMinor), amount: formatMinor(interestMinor) }]
      : []),
  ]
  await trx.insertInto('order_lines').values(lines).execute()

  const ledger = await insertLedgerPayment(trx, attempt, { status: 'success', transactionId }, actor)
  const receiptId = randomUUID()
  const receipt = await trx
    .insertInto('om_payments')
    .values({
      id: receiptId,
      order_id: orderId,
      type: 'receipt',
      status: 'complete',
      custom: false,
      amount: attempt.amount,
      method_id: option?.id ?? null,
      customer_uid: attempt.shopper_id !== null ? `shopper-${attempt.shopper_id}` : `guest-basket-${attempt.basket_id}`,
      transaction_ref: ledger.payment_id,
      attrs: JSON.stringify({
        installmentCount: attempt.installment_count,
        monthlyAmount: attempt.monthly_amount,
        firstInstallmentAmount: formatMinor(monthlyAmountsMinor(toMinor(attempt.amount), attempt.installment_count)[0]),
        interestAmount: formatMinor(interestMinor),
        totalAmount: attempt.amount,
        maskedCardNumber: attempt.masked_number,
        posSlug: attempt.pos_slug,
      }),
      ledger_payment_id: ledger.id,
      completed_at: sql<string>`now()` as never,
      created_at: sql<string>`now()` as never,
      created_via: actor.via,
      created_by: actor.by,
      updated_at: sql<string>`now()` as never,
      updated_via: actor.via,
      updated_by: actor.by,
    })
    .returning(['seq'])
    .executeTakeFirstOrThrow()
  await auditEntry(trx, actor, {
    action: 'create',
    resource: 'om_payments',
    recordId: receipt.seq,
    label: receiptId,
    channelId: attempt.channel_id,
    changes: changed(null, { order: number, type: 'receipt', status: 'complete', custom: false, amount: attempt.amount, transaction_ref: ledger.payment_id }),
  })

  // The basket is emptied and its pre-order removed: the next checkout starts a new pre-order (new id).
  await trx.deleteFrom('basket_items').where('basket_id', '=', attempt.basket_id).execute()
  await trx.deleteFrom('pre_orders').where('id', '=', attempt.pre_order_id).execute()
  return trx
    .updateTable('checkout_attempts')
    .set({ status: 'succeeded', gateway_transaction_id: transactionId, order_id: orderId, ledger_payment_id: ledger.id, updated_at: sql<string>`now()` })
    .where('id', '=', attempt.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * `GET /storefront/checkout/3d-return?transaction&amount&result&hash`: the bank's signed answer. Refused
 * (nothing paid) when the signature does not hold, the attempt is not this shopper's, or it was answered
 * already; otherwise the payment completes at the gateway by its transaction id, or is declined.
 */
export async function completeThreeDReturn(db: Kysely<Database>, shopper: ShopperContext, params: URLSearchParams): Promise<PayOutcome> {
  const answer = readAnswer(params)
  if (!answer) throw new ThreeDReturnRefused(400, 'The 3-D Secure answer is not valid: it does not carry the bank’s signature.')
  const find = (handle: Kysely<Database>) =>
    handle
      .selectFrom('checkout_attempts')
      .selectAll()
      .where('gateway_transaction_id', '=', answer.transaction)
      .where('basket_id', '=', shopper.basketId ?? -1)
      .orderBy('id', 'desc')
  return db.transaction().execute(async (trx) => {
    const seen = await find(trx).executeTakeFirst()
    if (!seen) throw new ThreeDReturnRefused(404, 'No payment of yours is waiting for this 3-D Secure answer.')
    // Locks in the order Pay takes them (pre-order, then attempts), so the two never deadlock.
    await trx.selectFrom('pre_orders').select('id').where('id', '=', seen.pre_order_id).forUpdate().executeTakeFirst()
    const attempt = await find(trx).where('id', '=', seen.id).forUpdate().executeTakeFirstOrThrow()
    if (attempt.amount !== answer.amount) throw new ThreeDReturnRefused(400, 'The 3-D Secure answer is for another amount.')
    if (attempt.status !== 'awaiting_3d') throw new ThreeDReturnRefused(409, 'This 3-D Secure answer was used already.')
    const actor = actorOf(shopper)
    const paid = await trx.selectFrom('checkout_attempts').select('id').where('pre_order_id', '=', attempt.pre_order_id).where('status', '=', 'succeeded').executeTakeFirst()
    if (paid) {
      await trx.updateTable('checkout_attempts').set({ status: 'abandoned', updated_at: sql<string>`now()` }).where('id', '=', attempt.id).execute()
      throw new ThreeDReturnRefused(409, 'This order was paid already.')
    }
    const expired = await trx.selectFrom('checkout_attempts').select(sql<boolean>`expires_at < now()`.as('over')).where('id', '=', attempt.id).executeTakeFirstOrThrow()
    if (expired.over) return declined(await recordDecline(trx, attempt, 'three_d_expired', 'The 3-D Secure challenge expired.', actor), shopper.language)
    if (answer.result === 'failed') return declined(await recordDecline(trx, attempt, 'three_d_failed', 'The card holder did not pass 3-D Secure.', actor), shopper.language)
    const client = clientFor(await posOf(trx, attempt.pos_id))
    let result: PaymentResult
    try {
      result = await client.completeThreeD({ transactionId: answer.transaction, amount: attempt.amount, currency: attempt.currency })
    } catch (error) {
      if (!(error instanceof GatewayUnavailableError)) throw error
      result = { status: 'declined', errorCode: 'gateway_unavailable', message: error.message }
    }
    if (result.status === 'declined') return declined(await recordDecline(trx, attempt, result.errorCode, result.message, actor), shopper.language)
    if (result.status !== 'approved') return declined(await recordDecline(trx, attempt, 'three_d_failed', 'The gateway asked for 3-D Secure again.', actor), shopper.language)
    try {
      return succeeded(await finalizePayment(trx, attempt, result.transactionId, actor))
    } catch (error) {
      await client.void({ transactionId: result.transactionId }).catch(() => undefined)
      throw error
    }
  })
}

/** The result page's data: the shopper's own successful attempt, with its order. */
export async function paidAttempt(db: Kysely<Database>, basketId: number | null, attemptId: number) {
  if (basketId === null) return null
  return (
    (await db
      .selectFrom('checkout_attempts')
      .innerJoin('orders', 'orders.id', 'checkout_attempts.order_id')
      .select([
        'checkout_attempts.id',
        'checkout_attempts.amount',
        'checkout_attempts.base_amount',
        'checkout_attempts.currency',
        'checkout_attempts.installment_count',
        'checkout_attempts.monthly_amount',
        'checkout_attempts.masked_number',
        'checkout_attempts.save_requested',
        'orders.number',
        'orders.total',
      ])
      .where('checkout_attempts.id', '=', attemptId)
      .where('checkout_attempts.basket_id', '=', basketId)
      .where('checkout_attempts.status', '=', 'succeeded')
      .executeTakeFirst()) ?? null
  )
}
