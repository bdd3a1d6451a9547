/**
 * Every time rule and limit of the storefront is a setting with DESIGN.md's default, read from the
 * environment on each use, so a test server can shorten them instead of a test sleeping for minutes.
 */
function seconds(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of seconds (got "${raw}")`)
  return value
}

export const storefrontSettings = {
  /** OTP life (3 minutes). */
  otpTtlSeconds: () => seconds('OTP_TTL_SECONDS', 180),
  /** Wait before another code may be sent to the same shopper (60 seconds). */
  otpResendCooldownSeconds: () => seconds('OTP_RESEND_COOLDOWN_SECONDS', 60),
  /** Codes one phone number may receive per rolling 24 hours (10). */
  otpDailyLimit: () => seconds('OTP_DAILY_LIMIT', 10),
  /** Wrong tries that void a code (the 5th wrong one voids it). */
  otpMaxAttempts: () => seconds('OTP_MAX_ATTEMPTS', 5),
  /** How long entered card data stays (encrypted) before the OTP step must be done (3 minutes). */
  cardStagingTtlSeconds: () => seconds('CARD_STAGING_TTL_SECONDS', 180),
  /** Shopper session life (2 weeks, as Django's SESSION_COOKIE_AGE). */
  sessionTtlSeconds: () => seconds('SHOPPER_SESSION_TTL_SECONDS', 14 * 24 * 3600),
  /** Shipping fee under the free-shipping threshold, and the threshold itself (TRY). */
  shippingFee: () => process.env.SHIPPING_FEE || '29.90',
  freeShippingFrom: () => process.env.FREE_SHIPPING_FROM || '500.00',
}

/** `ENABLE_X_COOKIE_HEADER=1` (or True): read `X-Cookie` in place of `Cookie`, as the spec's "TEST IT" says. */
export function xCookieEnabled(): boolean {
  return /^(1|true|yes)$/i.test(process.env.ENABLE_X_COOKIE_HEADER ?? '')
}
