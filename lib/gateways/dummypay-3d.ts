import { createHmac, timingSafeEqual } from 'node:crypto'
import { appSecret } from '@/lib/auth/secret'

/**
 * DummyPay's 3-D Secure step, played by the app itself (DESIGN.md "Demo data and test cards"): the shop
 * sends the shopper to the POS's `three_d_resource_url` with a signed challenge (as Turkish 3-D models
 * post amount, order and okUrl with a hash under the store key); the "bank" page shows it, asks for the
 * code (123456 approves, anything else fails) and sends the shopper back with a signed answer over
 * transaction, amount and result. No card data travels: the gateway holds the card by its transaction id.
 * Both signatures are HMAC-SHA256 under a key derived from APP_SECRET, one purpose each, so a challenge
 * cannot be replayed as an answer.
 */
export const THREE_D_APPROVAL_CODE = '123456'

export interface ThreeDChallenge {
  transaction: string
  /** Decimal text, "710.02". */
  amount: string
  currency: string
  /** The masked card number (first 6, last 4), for the shopper to recognise the card. */
  card: string
  /** Path of the shop's return (same origin only: an absolute URL here would be an open redirect). */
  returnPath: string
  /** Unix seconds after which the bank no longer accepts the challenge. */
  expires: number
}

export type ThreeDResult = 'approved' | 'failed'

export interface ThreeDAnswer {
  transaction: string
  amount: string
  result: ThreeDResult
}

const TRANSACTION = /^[A-Za-z0-9_-]{1,128}$/
const AMOUNT = /^\d{1,12}\.\d{2}$/

function sign(purpose: string, parts: string[]): string {
  return createHmac('sha256', appSecret()).update(`dummypay-3d:${purpose}\u0000${parts.join('\u0000')}`).digest('base64url')
}

function sameSignature(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function challengeParts(c: ThreeDChallenge): string[] {
  return [c.transaction, c.amount, c.currency, c.card, c.returnPath, String(c.expires)]
}

function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
}

/** The bank page's URL: the gateway's redirect URL with the signed challenge added. */
export function challengeUrl(redirectUrl: string, challenge: ThreeDChallenge): string {
  if (!isLocalPath(challenge.returnPath)) throw new Error('The 3-D Secure return must be a path of this app.')
  const url = new URL(redirectUrl)
  url.searchParams.set('transaction', challenge.transaction)
  url.searchParams.set('amount', challenge.amount)
  url.searchParams.set('currency', challenge.currency)
  url.searchParams.set('card', challenge.card)
  url.searchParams.set('return', challenge.returnPath)
  url.searchParams.set('expires', String(challenge.expires))
  url.searchParams.set('hash', sign('challenge', challengeParts(challenge)))
  return url.toString()
}

export type ChallengeReading = { ok: true; challenge: ThreeDChallenge } | { ok: false; reason: 'invalid' | 'expired' }

/** Reads and checks a challenge (from the bank page's query or its form). */
export function readChallenge(params: URLSearchParams, nowSeconds = Math.floor(Date.now() / 1000)): ChallengeReading {
  const challenge: ThreeDChallenge = {
    transaction: params.get('transaction') ?? '',
    amount: params.get('amount') ?? '',
    currency: params.get('currency') ?? '',
    card: params.get('card') ?? '',
    returnPath: params.get('return') ?? '',
    expires: Number(params.get('expires') ?? ''),
  }
  const wellFormed =
    TRANSACTION.test(challenge.transaction) &&
    AMOUNT.test(challenge.amount) &&
    /^[A-Z]{3}$/.test(challenge.currency) &&
    /^[0-9*]{12,19}$/.test(challenge.card) &&
    isLocalPath(challenge.returnPath) &&
    Number.isSafeInteger(challenge.expires)
  if (!wellFormed || !sameSignature(params.get('hash'), sign('challenge', challengeParts(challenge)))) return { ok: false, reason: 'invalid' }
  if (challenge.expires < nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, challenge }
}

/** The bank's decision on the code the shopper typed, as the signed return URL (a path with its query). */
export function answerChallenge(challenge: ThreeDChallenge, code: string): { result: ThreeDResult; returnUrl: string } {
  const given = Buffer.from(code.trim())
  const expected = Buffer.from(THREE_D_APPROVAL_CODE)
  const result: ThreeDResult = given.length === expected.length && timingSafeEqual(given, expected) ? 'approved' : 'failed'
  return { result, returnUrl: returnUrl(challenge, result) }
}

/** The signed return for a challenge the shopper cancelled or answered. */
export function returnUrl(challenge: ThreeDChallenge, result: ThreeDResult): string {
  const query = new URLSearchParams({
    transaction: challenge.transaction,
    amount: challenge.amount,
    result,
    hash: sign('return', [challenge.transaction, challenge.amount, result]),
  })
  return `${challenge.returnPath}${challenge.returnPath.includes('?') ? '&' : '?'}${query}`
}

/** The shop's check of a return: the bank's answer when its signature holds, else null (forged or altered). */
export function readAnswer(params: URLSearchParams): ThreeDAnswer | null {
  const transaction = params.get('transaction') ?? ''
  const amount = params.get('amount') ?? ''
  const result = params.get('result') ?? ''
  if (!TRANSACTION.test(transaction) || !AMOUNT.test(amount) || (result !== 'approved' && result !== 'failed')) return null
  if (!sameSignature(params.get('hash'), sign('return', [transaction, amount, result]))) return null
  return { transaction, amount, result }
}
