/**
 * The test card numbers the DummyPay simulator documents, as Stripe publishes its own: data of the
 * simulator, not a card anyone holds. Every other Luhn-valid, unexpired card is approved.
 */
export const DUMMYPAY_DECLINED_CARD = '4000000000000002'
