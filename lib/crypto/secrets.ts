import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { appSecret } from '@/lib/auth/secret'

/**
 * Gateway secrets at rest: AES-256-GCM with a key derived from APP_SECRET. A sealed value is a string
 * `enc:v1:<iv>.<tag>.<ciphertext>` (base64url), so opening a config needs no knowledge of its schema.
 */
const PREFIX = 'enc:v1:'

function key(): Buffer {
  return createHash('sha256').update(`gateway-secrets:${appSecret()}`).digest()
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX)
}

export function seal(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`
}

export function open(sealed: string): string {
  const [iv, tag, data] = sealed.slice(PREFIX.length).split('.')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

/** Key names that hold secrets when a gateway does not say otherwise. */
export const SECRET_KEY_PATTERN = /(password|secret|store_?key|api_?key|private|token|hash_?key|signature_?key)/i

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Seals every string value whose key is secret, at any depth. Values already sealed are kept. */
export function sealConfig<T>(config: T, isSecret: (key: string, path: string[]) => boolean = (k) => SECRET_KEY_PATTERN.test(k), path: string[] = []): T {
  if (Array.isArray(config)) return config.map((item) => sealConfig(item, isSecret, path)) as T
  if (config === null || typeof config !== 'object') return config
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(config as Record<string, Json>)) {
    const here = [...path, k]
    if (typeof v === 'string' && !isSealed(v) && isSecret(k, here)) out[k] = seal(v)
    else if (typeof v === 'object' && v !== null) out[k] = sealConfig(v, isSecret, here)
    else out[k] = v
  }
  return out as T
}

/** Opens every sealed value, at any depth. */
export function openConfig<T>(config: T): T {
  if (Array.isArray(config)) return config.map((item) => openConfig(item)) as T
  if (isSealed(config)) return open(config) as T
  if (config === null || typeof config !== 'object') return config
  return Object.fromEntries(Object.entries(config as Record<string, unknown>).map(([k, v]) => [k, openConfig(v)])) as T
}

/** Replaces every secret value with a mask, for the audit log and the console. */
export function maskConfig<T>(config: T, mask: string, isSecret: (key: string) => boolean = (k) => SECRET_KEY_PATTERN.test(k)): T {
  if (Array.isArray(config)) return config.map((item) => maskConfig(item, mask, isSecret)) as T
  if (config === null || typeof config !== 'object') return config
  return Object.fromEntries(
    Object.entries(config as Record<string, unknown>).map(([k, v]) => [
      k,
      (typeof v === 'string' || typeof v === 'number') && isSecret(k) ? mask : maskConfig(v, mask, isSecret),
    ]),
  ) as T
}
