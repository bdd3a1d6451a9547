import http from 'node:http'
import { PEER_HEADER } from './client-address'

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
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? ''
    }
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args])
  } as typeof proto.emit
  proto.__pmPeerStamp = true
}
