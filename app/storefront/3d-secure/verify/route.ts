import { bankVerify } from '@/lib/checkout/handlers'

// POST /storefront/3d-secure/verify: the demo bank's code form
export const POST = bankVerify
