import 'server-only'
import { route, type Route } from '@/lib/http/area'
import { storefront } from '@/lib/http/areas/storefront'
import { bankVerify, pay, threeDReturn } from './handlers'

/**
 * The checkout's machine-facing doors on the route table, in the storefront area: the area gives them
 * the fast path, the body caps, the security headers, 405/OPTIONS and 503 when the database is down;
 * `storefrontHandler` (inside `pay` and `threeDReturn`) adds the shopper session and CSRF. The bank's
 * code form has no shopper session to check: its signed challenge is its proof.
 */
export const checkoutRoutes: Route[] = [
  route(storefront, 'POST', '/storefront/checkout/pay', (request) => pay(request)),
  route(storefront, 'GET', '/storefront/checkout/3d-return', (request) => threeDReturn(request)),
  route(storefront, 'POST', '/storefront/3d-secure/verify', (request) => bankVerify(request)),
]
