import type { ConfigFields } from './config-fields'

/** What a POS gives its gateway: the opened (decrypted) config and its endpoints. */
export interface GatewayPos {
  slug: string
  config: Record<string, unknown>
  resourceUrl: string
  threeDResourceUrl: string | null
}

/** Card data only passes through: it is never stored or logged (see DESIGN.md, "Card data"). */
export interface CardInput {
  number: string
  holder: string
  expiryMonth: number
  expiryYear: number
  cvv?: string
}

export interface PaymentRequest {
  /** Decimal string in major units ("149.90"): money never goes through a float. */
  amount: string
  currency: string
  orderNumber: string
  installmentCount?: number
  card?: CardInput
  /** A token from `tokenize` instead of card data. */
  cardToken?: string
  /** Set once the shopper came back from the 3-D Secure page. */
  threeDVerified?: boolean
  /** An MB WAY payment: the payer's phone instead of a card (the ledger's `mbway` method). */
  mbwayPhone?: string
}

export type PaymentResult =
  | { status: 'approved'; transactionId: string; authCode: string }
  | { status: 'three_d_redirect'; transactionId: string; redirectUrl: string }
  | { status: 'declined'; errorCode: string; message: string }

export type FollowUpResult =
  | { status: 'approved'; transactionId: string }
  | { status: 'declined'; errorCode: string; message: string }

export interface TokenizeResult {
  token: string
  maskedNumber: string
}

export interface GatewayClient {
  pay(request: PaymentRequest): Promise<PaymentResult>
  refund(request: { transactionId: string; amount: string; currency: string }): Promise<FollowUpResult>
  void(request: { transactionId: string }): Promise<FollowUpResult>
  /**
   * Completes a payment that answered `three_d_redirect`, after the shopper came back from the bank's
   * page: by the gateway's transaction id alone, never by re-reading card data (DESIGN.md, card data).
   */
  completeThreeD(request: { transactionId: string; amount: string; currency: string }): Promise<PaymentResult>
  tokenize(card: CardInput): Promise<TokenizeResult>
}

export interface GatewayDefinition {
  /** Omnicore's dotted class path: the value stored in `pos.gateway`. */
  path: string
  /** A sentence for people choosing a gateway in the console. */
  description: string
  /** False when the gateway needs the provider's network, which this deployment does not reach. */
  supportsLivePayments: boolean
  config: ConfigFields
}

/** The module of a dotted class path: `…payment_gateways.gpay.GPayGateway` → `gpay`. */
export function gatewayModule(path: string): string {
  const parts = path.split('.')
  return parts[parts.length - 2] ?? path
}

/** Omnitron's `gateway_display`: the module name, capitalised ("Dummypay", "Gpay"). */
export function gatewayDisplayName(path: string): string {
  const name = gatewayModule(path)
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase()
}

/** Card data a gateway refuses to tokenize (bad number, expired); the message is safe to show. */
export class CardRejectedError extends Error {}

/** A gateway asked to move money it cannot move here; the caller turns it into a clear 4xx. */
export class GatewayUnavailableError extends Error {
  constructor(readonly gatewayPath: string) {
    super(`${gatewayDisplayName(gatewayPath)} payments need a connection to the provider, which this deployment does not have; use a Dummypay POS to take test payments.`)
  }
}
