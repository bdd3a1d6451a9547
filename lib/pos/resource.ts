import { REDACTED } from '@/lib/audit/record'
import { isSealed } from '@/lib/crypto/secrets'
import {
  configErrorText,
  findGateway,
  gatewayChoices,
  gatewayConfigJsonSchemas,
  gatewayConfigMetadata,
  maskGatewayConfig,
  openGatewayConfig,
  sealGatewayConfig,
  secretFingerprint,
  validateGatewayConfig,
} from '@/lib/gateways/registry'
import { ServiceError } from '@/lib/http/errors'
import { defineResource, type WriteContext } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { nameSearch, standardFilters } from '@/lib/resource/filters'

const INVALID_CONFIG = 'pos_100_2'

/** Sealed-looking input would be stored as is and then fail to open: a client must send secrets in clear. */
function sealedLookingKeys(config: unknown, at: string[] = []): string[] {
  if (config === null || typeof config !== 'object') return []
  return Object.entries(config).flatMap(([key, value]) =>
    isSealed(value) ? [[...at, key].join('.')] : sealedLookingKeys(value, [...at, key]),
  )
}

function configCheck(context: WriteContext) {
  const { values } = context
  const result = validateGatewayConfig(String(values.gateway), values.config ?? {})
  if (!result.ok) throw new ServiceError(INVALID_CONFIG, configErrorText(result.errors), 'config')
  const sealed = sealedLookingKeys(values.config)
  if (sealed.length)
    throw new ServiceError(
      INVALID_CONFIG,
      configErrorText(Object.fromEntries(sealed.map((key) => [key, ['Send this value in clear; it is encrypted when stored.']]))),
      'config',
    )
  return result.config
}

const touchesConfig = (context: WriteContext) => !context.existing || 'config' in context.changes || 'gateway' in context.changes

export const pos = defineResource({
  name: 'pos',
  model: 'Pos',
  table: 'pos',
  title: 'POS integration',
  titlePlural: 'POS integrations',
  description: 'Virtual POS settings: which payment gateway takes a sales channel\'s card payments, and its credentials.',
  fields: {
    pk: f.pk(),
    name: f.string({ label: 'Name', maxLength: 64 }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    gateway: f.choice({ label: 'Gateway', choices: gatewayChoices() }),
    config: {
      ...f.jsonObject({ label: 'Config', default: {} }),
      jsonSchema: {
        type: 'object',
        additionalProperties: true,
        description: 'Gateway settings; the keys depend on `gateway` (see `x-gateway-configs`). Secrets are encrypted at rest.',
        'x-gateway-configs': gatewayConfigJsonSchemas(),
      },
    },
    resource_url: f.url({ label: 'Resource url', maxLength: 200 }),
    three_d_resource_url: f.url({ label: 'Three d resource url', maxLength: 200, nullable: true }),
    channel: f.channel(),
    gateway_display: f.computed('Gateway display', { type: 'string' }, (row) => findGateway(row.gateway)?.displayName ?? String(row.gateway)),
    ...f.timestamps(),
  },
  filters: { ...standardFilters(), name: nameSearch() },
  uniqueSets: [['slug', 'channel']],
  consolePath: '/sales-channels/payment-management/pos',
  defaultOrdering: ['pk'],
  label: (row) => String(row.slug),
  channelChange: { code: 'pos_100_3', message: (channel, row) => `Channel: ${channel} of Pos: ${row.slug} cannot change.` },
  serviceErrors: [{ code: INVALID_CONFIG, description: 'The config lacks keys its gateway requires, or has values of the wrong type.' }],
  // A config is checked against its gateway whenever either changes; the answer is Omnitron's 406 pos_100_2.
  validate: async (context) => {
    if (touchesConfig(context)) configCheck(context)
  },
  toStored: (values, context) => {
    if (!touchesConfig(context)) return values
    const gateway = String(context.values.gateway)
    return { ...values, config: sealGatewayConfig(gateway, configCheck(context)) }
  },
  fromStored: (row) => ({ ...row, config: openGatewayConfig(row.config) }),
  redact: (view) => ({
    ...view,
    config: maskGatewayConfig(String(view.gateway), view.config, (value) => `${REDACTED} ${secretFingerprint(value)}`),
  }),
  schemaExtras: () => ({ config: { choices: gatewayConfigMetadata() } }),
})
