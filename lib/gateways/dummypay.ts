import { createHash } from 'node:crypto'
import { luhnValid, maskCardNumber } from './card-number'
import { DUMMYPAY_DECLINED_CARD } from './dummypay-test-cards'
import { CardRejectedError, type CardInput, type FollowUpResult, type GatewayClient, type GatewayPos, type PaymentRequest, type PaymentResult } from './types'

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

function cardProblem(card: CardInput, now: Date): string | null {
  const number = card.number.replace(/[\s-]/g, '')
  if (!luhnValid(number)) return 'The card number is not valid.'
  const expiry = card.expiryYear * 12 + card.expiryMonth
  if (card.expiryMonth < 1 || card.expiryMonth > 12 || expiry < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1)
    return 'The card has expired.'
  if (card.cvv !== undefined && !/^\d{3,4}$/.test(card.cvv)) return 'The security code is not valid.'
  return null
}

/**
 * A gateway that really answers, without a network: results depend only on the request and the POS
 * config (`three_d_enabled`, `fail_on_refund`, `fail_on_void`), so demos and tests are repeatable.
 */
export function dummyPayClient(pos: GatewayPos): GatewayClient {
  const flags = pos.config
  return {
    async pay(request: PaymentRequest): Promise<PaymentResult> {
      if (!AMOUNT.test(request.amount) || /^0+(\.0+)?$/.test(request.amount))
        return { status: 'declined', errorCode: 'invalid_amount', message: 'The amount must be a positive number with at most 2 decimals.' }
      let cardKey: string
      if (request.mbwayPhone !== undefined) {
        if (!/^\+?\d{9,15}$/.test(request.mbwayPhone)) return { status: 'declined', errorCode: 'invalid_phone', message: 'The MB WAY phone number is not valid.' }
        cardKey = digest('mbway', request.mbwayPhone)
      } else if (request.card) {
        const problem = cardProblem(request.card, new Date())
        if (problem) return { status: 'declined', errorCode: 'invalid_card', message: problem }
        cardKey = request.card.number.replace(/[\s-]/g, '')
        if (cardKey === DUMMYPAY_DECLINED_CARD)
          return { status: 'declined', errorCode: 'card_declined', message: 'The card was declined by the issuer.' }
        cardKey = digest(cardKey)
      } else if (request.cardToken?.startsWith('dp_tok_')) {
        cardKey = request.cardToken
      } else {
        return { status: 'declined', errorCode: 'invalid_card', message: 'Card details or a Dummypay card token are required.' }
      }
      const transactionId = `dp_${digest(pos.slug, request.orderNumber, request.amount, request.currency, cardKey).slice(0, 24)}`
      if (flags.three_d_enabled === true && !request.threeDVerified) {
        const url = new URL(pos.threeDResourceUrl ?? pos.resourceUrl)
        url.searchParams.set('transaction', transactionId)
        return { status: 'three_d_redirect', transactionId, redirectUrl: url.toString() }
      }
      const authCode = String(Number.parseInt(digest('auth', transactionId).slice(0, 8), 16) % 1_000_000).padStart(6, '0')
      return { status: 'approved', transactionId, authCode }
    },
    async refund({ transactionId, amount, currency }): Promise<FollowUpResult> {
      if (flags.fail_on_refund === true)
        return { status: 'declined', errorCode: 'refund_failed', message: 'Dummypay is configured to fail refunds (fail_on_refund).' }
      if (!AMOUNT.test(amount)) return { status: 'declined', errorCode: 'invalid_amount', message: 'The amount must be a positive number with at most 2 decimals.' }
      return { status: 'approved', transactionId: `dp_rf_${digest(transactionId, amount, currency).slice(0, 24)}` }
    },
    async void({ transactionId }): Promise<FollowUpResult> {
      if (flags.fail_on_void === true)
        return { status: 'declined', errorCode: 'void_failed', message: 'Dummypay is configured to fail voids (fail_on_void).' }
      return { status: 'approved', transactionId: `dp_vd_${digest(transactionId).slice(0, 24)}` }
    },
    async completeThreeD({ transactionId, amount, currency }): Promise<PaymentResult> {
      // Our transaction ids are `dp_` + 24 hex digits; anything else was not started here.
      if (!/^dp_[0-9a-f]{24}$/.test(transactionId)) return { status: 'declined', errorCode: 'unknown_transaction', message: 'Dummypay knows no such transaction.' }
      if (!AMOUNT.test(amount)) return { status: 'declined', errorCode: 'invalid_amount', message: 'The amount must be a positive number with at most 2 decimals.' }
      const authCode = String(Number.parseInt(digest('auth', transactionId, currency).slice(0, 8), 16) % 1_000_000).padStart(6, '0')
      return { status: 'approved', transactionId, authCode }
    },
    async tokenize(card: CardInput) {
      const problem = cardProblem(card, new Date())
      if (problem) throw new CardRejectedError(problem)
      const number = card.number.replace(/[\s-]/g, '')
      return { token: `dp_tok_${digest(pos.slug, number, String(card.expiryMonth), String(card.expiryYear)).slice(0, 24)}`, maskedNumber: maskCardNumber(number) }
    },
  }
}
