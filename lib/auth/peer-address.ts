import http from 'node:http'
import { PEER_HEADER } from './client-address'

/** Set on a server that stamps requests itself (scripts/server.ts): the prototype's stamp then leaves them alone. */
const STAMPS_ITSELF = Symbol.for('pm.stampsPeerAddressItself')

/**
 * Next gives route handlers and server actions no access to the socket, and it keeps a client-sent
 * `X-Forwarded-For` as is, so without a trusted proxy there is no honest client address to throttle by.
 * This stamps the socket's peer address on every request under PEER_HEADER before Next sees it,
 * overwriting whatever a client sent under that name. Installed once per process (instrumentation.ts).
 */
export function stampPeerAddresses(): void {
  const proto = http.Server.prototype as http.Server & { __pmPeerStamp?: boolean }
  if (proto.__pmPeerStamp) return
  const emit = proto.emit
  proto.emit = function (this: http.Server & { [STAMPS_ITSELF]?: boolean }, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && !this[STAMPS_ITSELF]) stampPeerAddress(args[0] as http.IncomingMessage)
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args])
  } as typeof proto.emit
  proto.__pmPeerStamp = true
}

/**
 * For a server that answers some requests itself and hands the rest to Next (scripts/server.ts): it calls
 * `stampPeerAddress` on what it hands to Next and reads its own through `peerStampedHeaders`, so the
 * requests it answers never pay for node's parsed `headers` object.
 */
export function stampsItself(server: http.Server): void {
  ;(server as http.Server & { [STAMPS_ITSELF]?: boolean })[STAMPS_ITSELF] = true
}

export function stampPeerAddress(request: http.IncomingMessage): void {
  request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? ''
}

/** Node's raw header list with the socket's peer address as PEER_HEADER, and none a client sent under that name. */
export function peerStampedHeaders(rawHeaders: string[], address: string | undefined): string[] {
  const stamped: string[] = []
  for (let index = 0; index < rawHeaders.length; index += 2)
    if (rawHeaders[index].toLowerCase() !== PEER_HEADER) stamped.push(rawHeaders[index], rawHeaders[index + 1])
  stamped.push(PEER_HEADER, address ?? '')
  return stamped
}
