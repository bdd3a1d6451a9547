import { randomInt, timingSafeEqual } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { CardRejectedError, connectGateway, GatewayUnavailableError, openGatewayConfig } from '@/lib/gateways/registry'
import { luhnValid, maskCardNumber } from '@/lib/gateways/card-number'
import { InvalidError, NotFoundError, TooManyRequestsError } from '@/lib/http/errors'
import { pageLinks } from '@/lib/resource/list'
import { smsDriver } from '@/lib/sms'
import { cardFingerprint, openCard, otpHash, sealCard, type StagedCard } from './card-vault'
import { optionPosSlug } from './payment-options'
import { storefrontSettings } from './settings'

/**
 * Stored cards with an OTP (spec: /payments/stored-cards/…): card data is staged encrypted for minutes,
 * a hashed 6-digit code goes out by SMS, and on the right code the channel's stored-card POS tokenizes
 * the card. Only the token, the masked number and a keyed fingerprint are kept. Every time rule is a
 * setting (./settings.ts) and every clock is the database's, so app servers agree.
 */
type Db = Kysely<Database>
type Body = Record<string, unknown>

function asBody(input: unknown): Body {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Body) : {}
}

const seconds = (value: number) => sql<string>`now() + make_interval(secs => ${value})`

function text(body: Body, field: string, errors: Record<string, string[]>, options: { max: number; required?: boolean }): string | undefined {
  const value = body[field]
  if (value === undefined || value === null || value === '') {
    if (options.required !== false) errors[field] = [value === '' ? 'This field may not be blank.' : 'This field is required.']
    return undefined
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    errors[field] = ['Not a valid string.']
    return undefined
  }
  const trimmed = String(value).trim()
  if (!trimmed) errors[field] = ['This field may not be blank.']
  else if (trimmed.length > options.max) errors[field] = [`Ensure this field has no more than ${options.max} characters.`]
  return trimmed
}

/** Checks the card form (400 naming each bad field); the number and CVV never appear in a message. */
export function parseCardInput(input: unknown, now = new Date()): StagedCard {
  const body = asBody(input)
  const errors: Record<string, string[]> = {}
  const name = text(body, 'name', errors, { max: 64 })
  const holder = text(body, 'card_holder', errors, { max: 128 })
  const rawNumber = text(body, 'card_number', errors, { max: 32 })
  const number = rawNumber?.replace(/[\s-]/g, '')
  if (number !== undefined && !errors.card_number && !luhnValid(number)) errors.card_number = ['Enter a valid card number.']
  const rawMonth = text(body, 'card_month', errors, { max: 2 })
  const month = rawMonth !== undefined && /^\d{1,2}$/.test(rawMonth) ? Number(rawMonth) : NaN
  if (rawMonth !== undefined && !errors.card_month && !(month >= 1 && month <= 12)) errors.card_month = ['Enter a month from 1 to 12.']
  const rawYear = text(body, 'card_year', errors, { max: 4 })
  let year = NaN
  if (rawYear !== undefined && !errors.card_year) {
    if (/^\d{2}$/.test(rawYear)) year = 2000 + Number(rawYear)
    else if (/^\d{4}$/.test(rawYear)) year = Number(rawYear)
    else errors.card_year = ['Enter the year as 2 or 4 digits.']
  }
  if (!errors.card_month && !errors.card_year && Number.isFinite(month) && Number.isFinite(year)) {
    const current = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1
    if (year * 12 + month < current) errors.card_year = ['The card has expired.']
    else if (year > now.getUTCFullYear() + 30) errors.card_year = ['Enter a valid expiry year.']
  }
  const cvv = text(body, 'card_cvv', errors, { max: 4, required: false })
  if (cvv !== undefined && !errors.card_cvv && !/^\d{3,4}$/.test(cvv)) errors.card_cvv = ['Enter the 3 or 4 digit security code.']
  if (Object.keys(errors).length) throw new InvalidError(errors)
  return { name: name!, number: number!, holder: holder!, month, year, ...(cvv ? { cvv } : {}) }
}

/** `POST /payments/stored-cards/`: stage the card (encrypted, CARD_STAGING_TTL_SECONDS). */
export async function stageCard(db: Db, shopperId: number, input: unknown): Promise<void> {
  const card = parseCardInput(input)
  const values = { sealed_card: sealCard(card), expires_at: seconds(storefrontSettings.cardStagingTtlSeconds()) }
  await db
    .insertInto('card_stagings')
    .values({ shopper_id: shopperId, ...values })
    .onConflict((conflict) => conflict.column('shopper_id').doUpdateSet(values))
    .execute()
  // Staged data past its life is deleted by whichever request comes next (no scheduler needed).
  await db.deleteFrom('card_stagings').where('expires_at', '<', sql<string>`now()`).execute()
}

/** "0555 123 45 67" → "5551234567": spaces and a leading 0 removed. */
export function normalizePhone(value: string): string {
  return value.replace(/\s+/g, '').replace(/^0/, '')
}

/** `GET /payments/stored-cards/phone-number/`. */
export async function shopperPhone(db: Db, shopperId: number): Promise<{ phone_number: string }> {
  const row = await db.selectFrom('shoppers').select('phone').where('id', '=', shopperId).executeTakeFirst()
  return { phone_number: normalizePhone(row?.phone ?? '') }
}

const SMS_TEXT: Record<string, (code: string, minutes: number) => string> = {
  tr: (code, minutes) => `Kart kaydetme doğrulama kodunuz: ${code}. Kod ${minutes} dakika geçerlidir.`,
  en: (code, minutes) => `Your card verification code is ${code}. It is valid for ${minutes} minutes.`,
}

/** `POST /payments/stored-cards/phone-number/ {phone_number}`: send a new code (throttled). */
export async function sendOtp(db: Db, shopperId: number, input: unknown, language = 'tr'): Promise<void> {
  const body = asBody(input)
  const raw = body.phone_number
  if (raw === undefined || raw === null || raw === '') throw new InvalidError({ phone_number: ['This field is required.'] })
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new InvalidError({ phone_number: ['Not a valid string.'] })
  const phone = normalizePhone(String(raw))
  if (!/^\d{10,14}$/.test(phone)) throw new InvalidError({ phone_number: ['Enter a phone number of 10 to 14 digits.'] })
  const ttl = storefrontSettings.otpTtlSeconds()
  const cooldown = storefrontSettings.otpResendCooldownSeconds()
  const dailyLimit = storefrontSettings.otpDailyLimit()
  await db.transaction().execute(async (trx) => {
    // The shopper row lock serialises two sends of one shopper, so both cannot pass the cooldown.
    await trx.selectFrom('shoppers').select('id').where('id', '=', shopperId).forUpdate().executeTakeFirstOrThrow()
    const previous = await trx
      .selectFrom('otp_codes')
      .select(sql<number>`ceil(extract(epoch from (sent_at + make_interval(secs => ${cooldown}) - now())))::int`.as('wait'))
      .where('shopper_id', '=', shopperId)
      .executeTakeFirst()
    if (previous && previous.wait > 0) throw new TooManyRequestsError(previous.wait)
    const sends = await trx
      .selectFrom('otp_sends')
      .select([sql<number>`count(*)::int`.as('n'), sql<number>`ceil(extract(epoch from (min(sent_at) + interval '1 day' - now())))::int`.as('wait')])
      .where('phone_number', '=', phone)
      .where('sent_at', '>', sql<string>`now() - interval '1 day'`)
      .executeTakeFirstOrThrow()
    if (Number(sends.n) >= dailyLimit) throw new TooManyRequestsError(Math.max(1, Number(sends.wait)))
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const values = {
      phone_number: phone,
      code_hash: otpHash(shopperId, phone, code),
      attempts: 0,
      sent_at: sql<string>`now()`,
      expires_at: seconds(ttl),
      used_at: null,
      voided_at: null,
    }
    await trx.insertInto('otp_codes').values({ shopper_id: shopperId, ...values }).onConflict((conflict) => conflict.column('shopper_id').doUpdateSet(values)).execute()
    await trx.insertInto('otp_sends').values({ phone_number: phone }).execute()
    await trx.deleteFrom('otp_sends').where('sent_at', '<', sql<string>`now() - interval '2 days'`).execute()
    const message = (SMS_TEXT[language] ?? SMS_TEXT.en)(code, Math.max(1, Math.round(ttl / 60)))
    await smsDriver().send(trx, { phoneNumber: phone, body: message })
  })
}

const MESSAGES = {
  noPhone: 'Phone number not found. Request a verification code first.',
  used: 'This verification code has already been used. Request a new code.',
  voided: 'Too many wrong codes. Request a new code.',
  expired: 'The verification code has expired. Request a new code.',
  wrong: 'The verification code is not correct.',
  noCard: 'Card details not found or expired. Enter the card again.',
  noPos: 'Stored cards are not set up for this shop (no active stored card payment option with a POS).',
}

/** The POS that tokenizes stored cards: the one named by the channel's active `stored_card` option. */
export async function storedCardPos(db: Db, channelId: number) {
  const slug = await optionPosSlug(db, channelId, 'stored_card')
  if (!slug) return null
  return (
    (await db
      .selectFrom('pos')
      .select(['id', 'slug', 'name', 'gateway', 'config', 'resource_url', 'three_d_resource_url'])
      .where('channel_id', '=', channelId)
      .where('slug', '=', slug)
      .executeTakeFirst()) ?? null
  )
}

type Outcome = { ok: true } | { ok: false; error: InvalidError }

/** `POST /payments/stored-cards/otp/ {otp}`: verify, tokenize through the stored-card POS, keep the card. */
export async function verifyOtpAndSaveCard(db: Db, channelId: number, shopperId: number, input: unknown): Promise<void> {
  const raw = asBody(input).otp
  if (raw === undefined || raw === null || raw === '') throw new InvalidError({ otp: ['This field is required.'] })
  // Type first: String() of an object with its own `toString` key throws (a 500 for bad input).
  const otp = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : ''
  if (!/^\d{4,8}$/.test(otp)) throw new InvalidError({ otp: ['Enter the 4 to 8 digit code.'] })
  const maxAttempts = storefrontSettings.otpMaxAttempts()
  const fail = (fields: Record<string, string[]>): Outcome => ({ ok: false, error: new InvalidError(fields) })
  // A wrong try must be counted even though the answer is an error, so the transaction returns the
  // outcome and the error is thrown after it commits.
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    const code = await trx
      .selectFrom('otp_codes')
      .select(['phone_number', 'code_hash', 'attempts', 'used_at', 'voided_at', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('shopper_id', '=', shopperId)
      .forUpdate()
      .executeTakeFirst()
    if (!code) return fail({ non_field_errors: [MESSAGES.noPhone] })
    if (code.used_at) return fail({ non_field_errors: [MESSAGES.used] })
    if (code.voided_at) return fail({ non_field_errors: [MESSAGES.voided] })
    if (code.expired) return fail({ non_field_errors: [MESSAGES.expired] })
    const expected = Buffer.from(code.code_hash)
    const given = Buffer.from(otpHash(shopperId, code.phone_number, otp))
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attempts = code.attempts + 1
      const voided = attempts >= maxAttempts
      await trx
        .updateTable('otp_codes')
        .set({ attempts, ...(voided ? { voided_at: sql<string>`now()` } : {}) })
        .where('shopper_id', '=', shopperId)
        .execute()
      return fail({ otp: [voided ? `${MESSAGES.wrong} ${MESSAGES.voided}` : MESSAGES.wrong] })
    }
    const staged = await trx
      .selectFrom('card_stagings')
      .select(['sealed_card', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('shopper_id', '=', shopperId)
      .forUpdate()
      .executeTakeFirst()
    if (!staged || staged.expired) {
      await trx.deleteFrom('card_stagings').where('shopper_id', '=', shopperId).execute()
      return fail({ non_field_errors: [MESSAGES.noCard] })
    }
    const pos = await storedCardPos(trx, channelId)
    if (!pos) return fail({ non_field_errors: [MESSAGES.noPos] })
    const card = openCard(staged.sealed_card)
    const client = connectGateway(pos.gateway, {
      slug: pos.slug,
      config: openGatewayConfig(pos.config),
      resourceUrl: pos.resource_url,
      threeDResourceUrl: pos.three_d_resource_url,
    })
    let token: { token: string; maskedNumber: string }
    try {
      token = await client.tokenize({ number: card.number, holder: card.holder, expiryMonth: card.month, expiryYear: card.year, cvv: card.cvv })
    } catch (error) {
      if (error instanceof CardRejectedError || error instanceof GatewayUnavailableError) return fail({ non_field_errors: [error.message] })
      throw error
    }
    const values = { name: card.name, token: token.token, masked_card_number: maskCardNumber(card.number), modified_date: sql<string>`now()` }
    await trx
      .insertInto('saved_cards')
      .values({ shopper_id: shopperId, pos_id: pos.id, fingerprint: cardFingerprint(card.number), ...values })
      .onConflict((conflict) => conflict.columns(['shopper_id', 'pos_id', 'fingerprint']).doUpdateSet(values))
      .execute()
    await trx.deleteFrom('card_stagings').where('shopper_id', '=', shopperId).execute()
    await trx.updateTable('otp_codes').set({ used_at: sql<string>`now()` }).where('shopper_id', '=', shopperId).execute()
    return { ok: true }
  })
  if (!outcome.ok) throw outcome.error
}

export interface SavedCardView {
  pk: number
  name: string
  masked_card_number: string
  pos: number
  user: number
}

/** `GET /users/saved-cards/`: the shopper's cards, never their tokens. */
export async function listSavedCards(db: Db, shopperId: number, params: URLSearchParams, requestUrl?: string) {
  const rows = await db
    .selectFrom('saved_cards')
    .select(['id', 'name', 'masked_card_number', 'pos_id', 'shopper_id'])
    .where('shopper_id', '=', shopperId)
    .orderBy('id')
    .execute()
  const results: SavedCardView[] = rows.map((row) => ({ pk: row.id, name: row.name, masked_card_number: row.masked_card_number, pos: row.pos_id, user: row.shopper_id }))
  void params
  return { count: results.length, ...pageLinks(requestUrl, 1, Math.max(results.length, 1), results.length), results }
}

/** `DELETE /users/saved-cards/{pk}/`: another shopper's card is simply not found. */
export async function deleteSavedCard(db: Db, shopperId: number, cardId: number): Promise<void> {
  const deleted = await db.deleteFrom('saved_cards').where('id', '=', cardId).where('shopper_id', '=', shopperId).executeTakeFirst()
  if (Number(deleted.numDeletedRows) === 0) throw new NotFoundError()
}
