import { defineResource } from '@/lib/resource/define'
import * as f from '@/lib/resource/fields'
import { booleanFilter, charFilter, choiceFilter, standardFilters } from '@/lib/resource/filters'

/** Omnitron's payment types (omnitron.payments.enums.PaymentType), with their display names. */
export const PAYMENT_TYPES: f.Choice[] = [
  { value: 'credit_card', display_name: 'Credit Card' },
  { value: 'funds_transfer', display_name: 'Funds Transfer' },
  { value: 'cash_register', display_name: 'Cash Register' },
  { value: 'pay_on_delivery', display_name: 'Pay On Delivery' },
  { value: 'masterpass', display_name: 'Masterpass' },
  { value: 'stored_card', display_name: 'Stored Card' },
  { value: 'loyalty_money', display_name: 'Loyalty Money' },
  { value: 'gpay', display_name: 'GarantiPay' },
  { value: 'bkm_express', display_name: 'BKM Express' },
  { value: 'credit_payment', display_name: 'Credit Payment' },
  { value: 'redirection', display_name: 'Redirection' },
  { value: 'confirmation', display_name: 'Confirmation' },
  { value: 'wallet', display_name: 'Wallet' },
]

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i

/**
 * `translations` is `{language: {field: text}}` (e.g. `{"tr": {"name": "Kredi Kartı"}}`); the storefront
 * picks a label from it by Accept-Language, so its shape is checked rather than stored blindly.
 */
function translationsField(): f.FieldDef {
  const field = f.jsonObject({ label: 'Translations', nullable: true })
  const parseObject = field.parse!
  return {
    ...field,
    parse: (value) => {
      const result = parseObject(value)
      if (!result.ok || result.value === null) return result
      for (const [language, texts] of Object.entries(result.value as Record<string, unknown>)) {
        if (!LANGUAGE.test(language)) return { ok: false, message: `"${language}" is not a valid language code.` }
        if (typeof texts !== 'object' || texts === null || Array.isArray(texts))
          return { ok: false, message: `Translations of "${language}" must be a dictionary of texts.` }
        if (Object.values(texts).some((text) => typeof text !== 'string'))
          return { ok: false, message: `Translations of "${language}" must be texts.` }
      }
      return result
    },
  }
}

export const paymentOptions = defineResource({
  name: 'payment_options',
  model: 'PaymentOption',
  table: 'payment_options',
  title: 'Payment option',
  titlePlural: 'Payment options',
  description: 'The ways a shopper of a sales channel can pay (credit card, funds transfer, pay on delivery…), in checkout order.',
  fields: {
    pk: f.pk(),
    name: f.string({ label: 'Name', maxLength: 64 }),
    slug: f.slug({ label: 'Slug', maxLength: 64 }),
    payment_type: f.choice({ label: 'Payment type', choices: PAYMENT_TYPES }),
    sort_order: f.integer({ label: 'Sort order', min: 0, max: 2147483647, default: 0 }),
    is_active: f.boolean({ label: 'Is active', default: true }),
    config: f.jsonObject({ label: 'Config', default: {} }),
    translations: translationsField(),
    channel: f.channel(),
    ...f.timestamps(),
  },
  filters: {
    ...standardFilters(),
    slug: charFilter('slug'),
    name: charFilter('name', ['exact', 'icontains']),
    payment_type: choiceFilter('payment_type', PAYMENT_TYPES.map((choice) => choice.value)),
    is_active: booleanFilter('is_active'),
  },
  uniqueSets: [['slug', 'channel']],
  consolePath: '/sales-channels/payment-management/payment-options',
  defaultOrdering: ['sort_order', 'pk'],
  label: (row) => String(row.slug),
  channelChange: {
    code: 'payment_option_101',
    message: (channel, row) => `Channel: ${channel} of PaymentOption ${row.slug} cannot change.`,
  },
})
