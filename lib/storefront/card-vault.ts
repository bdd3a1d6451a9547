import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { appSecret } from '@/lib/auth/secret'

/**
 * Card data between the card form and the OTP step (DESIGN.md "Card data"): AES-256-GCM under a key of
 * its own derived from APP_SECRET, kept at most a few minutes and deleted on use. The fingerprint is a
 * keyed HMAC of the number (a plain hash of a card number is reversible by enumeration).
 */
export interface StagedCard {
  name: string
  number: string
  holder: string
  month: number
  year: number
  cvv?: string
}

function key(): Buffer {
  return createHash('sha256').update(`card-staging:${appSecret()}`).digest()
}

export function sealCard(card: StagedCard): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(card), 'utf8'), cipher.final()])
  return `${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`
}

export function openCard(sealed: string): StagedCard {
  const [iv, tag, data] = sealed.split('.')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8'))
}

export function cardFingerprint(number: string): string {
  return createHmac('sha256', appSecret()).update(`card-fingerprint:${number}`).digest('hex')
}

export function otpHash(shopperId: number, phoneNumber: string, code: string): string {
  return createHmac('sha256', appSecret()).update(`stored-card-otp:${shopperId}:${phoneNumber}:${code}`).digest('hex')
}
