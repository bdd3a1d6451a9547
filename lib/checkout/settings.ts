/** Time rules of the checkout, settings with defaults (as the storefront's), so tests can shorten them. */
function seconds(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of seconds (got "${raw}")`)
  return value
}

export const checkoutSettings = {
  /** How long a 3-D Secure challenge may take before the shop stops waiting for it (10 minutes). */
  threeDTtlSeconds: () => seconds('THREE_D_TTL_SECONDS', 600),
}

/** Where the bank sends the shopper back (a path of this app; see lib/gateways/dummypay-3d.ts). */
export const THREE_D_RETURN_PATH = '/storefront/checkout/3d-return'

export const resultPath = (attemptId: number) => `/storefront/checkout/done/${attemptId}`
