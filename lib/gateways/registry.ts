import { createHmac } from 'node:crypto'
import { appSecret } from '@/lib/auth/secret'
import { openConfig, sealValue } from '@/lib/crypto/secrets'
import { findGateway } from './catalog'
import { mapConfigSecrets } from './config-fields'
import { dummyPayClient } from './dummypay'
import { GatewayUnavailableError, type GatewayClient, type GatewayPos } from './types'

/**
 * The gateway registry: the catalog (descriptions, validation, schema, secrets) plus what only the
 * server does with it: sealing secrets at rest, fingerprinting them for the audit log and connecting
 * a POS to its payment client. No `server-only` marker: the seed scripts run it under plain Node.
 */
export * from './catalog'
export { CardRejectedError, GatewayUnavailableError } from './types'
export type { CardInput, FollowUpResult, GatewayClient, GatewayPos, PaymentRequest, PaymentResult, TokenizeResult } from './types'

/**
 * Encrypts every secret value of a config (AES-256-GCM `enc:` strings): everything its gateway does not
 * declare public, lists, numbers and nested objects included; sealed values stay as they are.
 */
export function sealGatewayConfig<T>(gatewayPath: string, config: T): T {
  return mapConfigSecrets(findGateway(gatewayPath)?.config, config, sealValue)
}

/** Decrypts every sealed value of a stored config. */
export function openGatewayConfig<T>(config: T): T {
  return openConfig(config)
}

/**
 * A short keyed fingerprint of a secret, so the audit log shows *that* a password changed without
 * showing it (a plain hash of a 6-digit password would be reversible by brute force; an HMAC is not).
 */
export function secretFingerprint(value: unknown): string {
  return createHmac('sha256', appSecret()).update(`audit-fingerprint:${typeof value === 'string' ? value : JSON.stringify(value)}`).digest('hex').slice(0, 8)
}

const clients: Record<string, (pos: GatewayPos) => GatewayClient> = {
  'omnicore.libs.payment_gateways.dummypay.DummyPayGateway': dummyPayClient,
}

function refusingClient(path: string): GatewayClient {
  const refuse = async (): Promise<never> => {
    throw new GatewayUnavailableError(path)
  }
  return { pay: refuse, refund: refuse, void: refuse, completeThreeD: refuse, tokenize: refuse }
}

/** The payment client of a POS; gateways that need the provider's network refuse every call clearly. */
export function connectGateway(gatewayPath: string, pos: GatewayPos): GatewayClient {
  const gateway = findGateway(gatewayPath)
  if (!gateway) throw new Error(`Unknown gateway "${gatewayPath}".`)
  const connect = gateway.supportsLivePayments ? clients[gateway.path] : undefined
  return connect ? connect(pos) : refusingClient(gateway.path)
}
