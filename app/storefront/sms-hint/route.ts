// GET /storefront/sms-hint/: the demo's outbox hint (the latest SMS to the shopper's OTP phone), outbox mode only.
import { nextRoute } from '@/lib/http/next'

// The route table (lib/http/routes.ts) answers this path; npm start serves it on the fast path.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = nextRoute('/storefront/sms-hint/')
