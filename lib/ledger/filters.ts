import { LedgerValidationError } from './errors'

/**
 * The ledger list filters of the spec, parsed once for the API, the console table and the CSV export.
 * A bad value is a 400 naming the parameter (django-filter's words); unknown parameters are ignored.
 */
export interface PaymentFilters {
  payment_id?: string
  payment_method?: 'credit_card' | 'mbway'
  status?: 'success' | 'error' | 'settled'
  amount_gte?: string
  amount_lte?: string
  created_at_gte?: string
  created_at_lte?: string
  settled_at_gte?: string
  settled_at_lte?: string
  limit?: number
  offset?: number
}

export const PAYMENT_METHODS = ['credit_card', 'mbway'] as const
export const PAYMENT_STATUSES = ['success', 'error', 'settled'] as const

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A filter date or date-time; one without a zone is UTC (DESIGN.md, Ledger). Returns ISO text SQL reads. */
export function parseDateTime(text: string): string | null {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return null
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)))
  // Date.UTC rolls 2021-02-30 over to March: a date that changed is not a calendar date.
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null
  const normalisedZone = zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}${normalisedZone}`
}

function last(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name)
  return values.length ? values[values.length - 1] : undefined
}

export function parsePaymentFilters(params: URLSearchParams, options: { paging?: boolean } = { paging: true }): PaymentFilters {
  const errors: Record<string, string[]> = {}
  const filters: PaymentFilters = {}
  const paymentId = last(params, 'payment_id')
  if (paymentId) filters.payment_id = paymentId.slice(0, 200)
  for (const [name, choices] of [
    ['payment_method', PAYMENT_METHODS],
    ['status', PAYMENT_STATUSES],
  ] as const) {
    const value = last(params, name)
    if (!value) continue
    if ((choices as readonly string[]).includes(value)) (filters as Record<string, unknown>)[name] = value
    else errors[name] = [`Select a valid choice. ${value} is not one of the available choices.`]
  }
  for (const name of ['amount_gte', 'amount_lte'] as const) {
    const value = last(params, name)
    if (!value) continue
    // Compared in SQL as numeric, exactly as written ("50.0", "49.995"): no float in between.
    const text = value.trim()
    if (!/^-?\d{1,15}(\.\d{1,15})?$/.test(text)) errors[name] = ['Enter a number.']
    else filters[name] = text
  }
  for (const name of ['created_at_gte', 'created_at_lte', 'settled_at_gte', 'settled_at_lte'] as const) {
    const value = last(params, name)
    if (!value) continue
    const parsed = parseDateTime(value)
    if (parsed === null) errors[name] = ['Enter a valid date/time.']
    else filters[name] = parsed
  }
  if (options.paging !== false)
    for (const name of ['limit', 'offset'] as const) {
      const value = last(params, name)
      if (value === undefined || value === '') continue
      const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN
      if (Number.isNaN(number) || (name === 'limit' && number < 1)) errors[name] = [name === 'limit' ? 'Ensure this value is a positive integer.' : 'Ensure this value is a non-negative integer.']
      else filters[name] = number
    }
  if (Object.keys(errors).length) throw new LedgerValidationError(errors)
  return filters
}
