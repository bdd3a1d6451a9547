import { createHash } from 'node:crypto'

const DEV_SECRET = 'dev-only-secret-change-me-in-production-0123456789'
let warned = false

/**
 * APP_SECRET seals session cookies and encrypts gateway secrets. Without one, a fixed development
 * value is used so `npm start` works with nothing set (a warning says so); set it in production.
 */
export function appSecret(): string {
  const secret = process.env.APP_SECRET
  if (!secret) {
    if (!warned && process.env.NODE_ENV === 'production' && !process.env.SEED_API_TOKEN) {
      warned = true
      console.warn('APP_SECRET is not set: using the development secret. Set APP_SECRET (32+ characters) in production.')
    }
    return DEV_SECRET
  }
  // iron-session needs 32+ characters; a shorter secret is stretched rather than refused.
  return secret.length >= 32 ? secret : createHash('sha256').update(secret).digest('hex')
}
