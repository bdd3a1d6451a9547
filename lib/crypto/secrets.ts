import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { appSecret } from '@/lib/auth/secret'

/**
 * Gateway secrets at rest: AES-256-GCM with a key derived from APP_SECRET. A sealed value is a string
 * `enc:v1:<iv>.<tag>.<ciphertext>` (base64url) holding a string, or `enc:v2:…` holding any JSON value
 * (a number, a list, an object), so opening a config needs no knowledge of its schema and a secret
 * keeps its type. See docs/decisions/013-gateway-secrets-safe-side.md.
 */
const PREFIX = 'enc:v1:'
const JSON_PREFIX = 'enc:v2:'

function key(): Buffer {
  return createHash('sha256').update(`gateway-secrets:${appSecret()}`).digest()
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith(PREFIX) || value.startsWith(JSON_PREFIX))
}

function encrypt(prefix: string, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${prefix}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`
}

function decrypt(sealed: string): string {
  const [iv, tag, data] = sealed.slice(PREFIX.length).split('.')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

export function seal(plain: string): string {
  return encrypt(PREFIX, plain)
}

/** Seals any JSON value: strings as `enc:v1:` (as before), everything else as `enc:v2:` JSON. */
export function sealValue(value: unknown): string {
  if (isSealed(value)) return value
  return typeof value === 'string' ? encrypt(PREFIX, value) : encrypt(JSON_PREFIX, JSON.stringify(value))
}

export function open(sealed: string): unknown {
  const plain = decrypt(sealed)
  return sealed.startsWith(JSON_PREFIX) ? JSON.parse(plain) : plain
}

/** Opens every sealed value, at any depth. */
export function openConfig<T>(config: T): T {
  if (Array.isArray(config)) return config.map((item) => openConfig(item)) as T
  if (isSealed(config)) return open(config) as T
  if (config === null || typeof config !== 'object') return config
  return Object.fromEntries(Object.entries(config as Record<string, unknown>).map(([k, v]) => [k, openConfig(v)])) as T
}
