/**
 * The path prefixes of the API areas (each area's `prefixes`), in a module light enough for
 * next.config.ts: page headers (a page CSP) must not be set on area answers by the Next door, since
 * areas set their own on both doors. A new area adds its prefixes here too; the route-table test
 * checks every area's prefixes are listed.
 */
export const AREA_PATH_PREFIXES = [
  '/api/v1/',
  '/media/',
  // storefront (lib/http/areas/storefront.ts)
  '/payments/cards/',
  '/payments/stored-cards/',
  '/users/',
  '/baskets/',
  '/orders/',
  '/products/',
  '/masterpass-js/',
  '/storefront/sms-hint/',
  // the checkout's JSON and 3-D Secure doors (lib/checkout/routes.ts), in the storefront area
  '/storefront/checkout/pay',
  '/storefront/checkout/3d-return',
  '/storefront/3d-secure/verify',
  // order management and the gateway ledger (lib/om/http.ts, lib/ledger/http.ts)
  '/v1/om/',
  '/api/payments/',
  '/api/refunds/',
]

/** A next.config `source` matching every path outside the areas. */
export function outsideAreasSource(prefixes = AREA_PATH_PREFIXES): string {
  const alternatives = prefixes.map((prefix) => prefix.replace(/^\//, '').replace(/\/$/, '').replace(/[.]/g, '\\.') + '(?:/|$)')
  return `/((?!${alternatives.join('|')}).*)`
}
