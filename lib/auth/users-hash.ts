import { createHash } from 'node:crypto'

/** API keys are stored as their SHA-256: high-entropy random keys need no slow hash. */
export function hashToken(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}
