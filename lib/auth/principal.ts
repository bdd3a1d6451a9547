import { ForbiddenError } from '@/lib/http/errors'

/** Who is acting: a console user (session) or an API token holder. */
export interface Principal {
  userId: number
  email: string
  name: string
  role: 'admin' | 'viewer'
  via: 'console' | 'api'
  tokenId?: number
}

export function assertCanWrite(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenError()
}
