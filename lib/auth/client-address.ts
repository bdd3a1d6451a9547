/**
 * Who is calling, for throttling. `X-Forwarded-For` is whatever the client wrote unless a proxy we trust
 * wrote it, so it is read only with `TRUST_PROXY=1` (or N, the number of proxies in front): then the
 * address the outermost trusted proxy saw is the N-th entry from the right (each proxy appends the peer
 * it saw). Without it, the socket's peer address, which `instrumentation.ts` stamps on every request as
 * PEER_HEADER (overwriting anything a client sent under that name).
 */
export const PEER_HEADER = 'x-pm-peer-address'

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const value = (env.TRUST_PROXY ?? '').trim().toLowerCase()
  if (value === 'true') return 1
  const hops = Number(value)
  return Number.isInteger(hops) && hops > 0 && hops < 10 ? hops : 0
}

export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedProxyHops(env)
  if (hops) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    const seen = chain[chain.length - hops]
    if (seen) return seen.slice(0, 64)
  }
  return headers.get(PEER_HEADER)?.slice(0, 64) || 'unknown'
}
