import { z } from 'zod'
import type { Choice } from '@/lib/resource/fields'
import {
  checkConfig,
  configJsonSchema,
  configMetadata,
  configVisibility,
  mapConfigSecrets,
  pythonJson,
  type ConfigErrors,
} from './config-fields'
import { dummyPay, est, gpay, iyzico, masterpass, payu, posnet, stripe } from './definitions'
import { gatewayDisplayName, gatewayModule, type GatewayDefinition } from './types'

/**
 * What the console and the API know about gateways, without any server-only code (no crypto, no
 * network), so a form may import it. Sealing and payment clients live in ./registry.ts.
 */
export interface Gateway extends GatewayDefinition {
  /** Module name: the key of this gateway's fields in POS `/schema/` `config.choices`. */
  module: string
  displayName: string
}

export const gateways: Gateway[] = [dummyPay, gpay, masterpass, iyzico, est, posnet, payu, stripe].map((definition) => ({
  ...definition,
  module: gatewayModule(definition.path),
  displayName: gatewayDisplayName(definition.path),
}))

const byPath = new Map(gateways.map((gateway) => [gateway.path, gateway]))

export function findGateway(path: unknown): Gateway | undefined {
  return typeof path === 'string' ? byPath.get(path) : undefined
}

export function gatewayChoices(): Choice[] {
  return gateways.map((gateway) => ({ display_name: gateway.displayName, value: gateway.path }))
}

export type ConfigCheck = { ok: true; config: Record<string, unknown> } | { ok: false; errors: ConfigErrors }

/**
 * Checks a POS config against its gateway: missing or invalid keys come back in DRF's nested error
 * shape, in the gateway's declared order; a valid config comes back with defaults filled in.
 */
export function validateGatewayConfig(path: string, config: unknown): ConfigCheck {
  const gateway = findGateway(path)
  if (!gateway) return { ok: false, errors: { gateway: [`"${path}" is not a valid choice.`] } }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    return { ok: false, errors: { config: ['Expected a dictionary of items.'] } }
  const result = checkConfig(gateway.config, config as Record<string, unknown>)
  return result.ok ? { ok: true, config: result.value } : result
}

/** The text Omnitron puts in a pos_100_2 `non_field_errors`: the errors as Python's json.dumps writes them. */
export function configErrorText(errors: ConfigErrors): string {
  return pythonJson(errors)
}

/** A zod schema of one gateway's config, for forms; it checks what the API checks. */
export function gatewayConfigSchema(path: string) {
  return z.record(z.string(), z.unknown()).superRefine((config, context) => {
    const result = validateGatewayConfig(path, config)
    if (result.ok) return
    const walk = (errors: ConfigErrors, at: string[]) => {
      for (const [key, value] of Object.entries(errors)) {
        if (Array.isArray(value)) for (const message of value) context.addIssue({ code: 'custom', message, path: [...at, key] })
        else walk(value, [...at, key])
      }
    }
    walk(result.errors, [])
  })
}

/**
 * Whether the value at a key path of a gateway's config is a secret (sealed at rest, masked for
 * everyone but admins): anything the gateway does not declare public is (config-fields.ts).
 */
export function isSecretConfigKey(gatewayPath: string, keyPath: string | string[], value: unknown = ''): boolean {
  const path = typeof keyPath === 'string' ? keyPath.split('.') : keyPath
  return configVisibility(findGateway(gatewayPath)?.config, path, value) === 'secret'
}

/** The config with every secret value replaced by `mask` or what it makes of the value (audit log, console, viewers). */
export function maskGatewayConfig<T>(gatewayPath: string, config: T, mask: string | ((value: unknown) => string)): T {
  return mapConfigSecrets(findGateway(gatewayPath)?.config, config, (value) => (typeof mask === 'function' ? mask(value) : mask))
}

/** POS `/schema/` `config.choices`: every gateway's config fields, keyed by gateway module. */
export function gatewayConfigMetadata(): Record<string, unknown> {
  return Object.fromEntries(gateways.map((gateway) => [gateway.module, configMetadata(gateway.config)]))
}

/** JSON Schema of each gateway's config, keyed by dotted path, for OpenAPI. */
export function gatewayConfigJsonSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(gateways.map((gateway) => [gateway.path, { title: gateway.displayName, ...configJsonSchema(gateway.config) }]))
}
