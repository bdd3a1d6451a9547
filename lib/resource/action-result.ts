import 'server-only'
import {
  AppError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  ServiceError,
  UnauthenticatedError,
  UniqueError,
  type FieldErrors,
} from '@/lib/http/errors'
import { uniqueSetMessage } from './crud'
import type { Resource } from './define'
import { inSentence } from './words'

/** What a console server action answers: the saved record, or errors placed where the form shows them. */
export type ActionResult<T = Record<string, unknown>> =
  | { ok: true; record: T }
  | { ok: false; fieldErrors: FieldErrors; formError: string | null }

export type ImportRowResult = { ok: true; pk: number; label: string } | { ok: false; errors: string[] }

/**
 * What console components call to change a resource's records: the resource's own server actions
 * (`createBankAction` …), handed over by the page that shows them.
 */
export interface RecordActions {
  create: (input: unknown) => Promise<ActionResult>
  update: (id: number, input: unknown) => Promise<ActionResult>
  delete: (id: number) => Promise<ActionResult<{ pk: number }>>
  /** Up/down among the parent's records (a bank's accounts). */
  move?: (id: number, direction: 'up' | 'down') => Promise<ActionResult<{ moved: boolean }>>
  /** The same change to the selected records (activate BIN numbers). */
  bulkUpdate?: (ids: number[], input: unknown) => Promise<ActionResult<{ updated: number }>>
}

export type ImportRowsAction = (rows: unknown) => Promise<{ ok: true; results: ImportRowResult[] } | { ok: false; formError: string }>

export function actionError(formError: string, fieldErrors: FieldErrors = {}): ActionResult<never> {
  return { ok: false, fieldErrors, formError }
}

/**
 * The one mapper from the service's typed errors to form errors: field errors stay on their field,
 * a unique set lands on every field of the set (the channel is fixed in forms, so it rides along
 * unseen), a 406 lands on the field its rule is about, anything else goes to the top of the form.
 * Errors that are not ours are rethrown so they surface as failures, not as polite messages.
 */
export function toActionResult(error: unknown, resource?: Resource): ActionResult<never> {
  if (error instanceof InvalidError) {
    const { non_field_errors: general, ...fields } = error.fields
    return { ok: false, fieldErrors: fields, formError: general?.join(' ') ?? null }
  }
  if (error instanceof UniqueError) {
    const fieldErrors: FieldErrors = {}
    const unplaced: string[] = []
    for (const message of error.messages) {
      const set = resource?.uniqueSets.find((candidate) => uniqueSetMessage(candidate) === message)
      if (!set || !resource) {
        unplaced.push(message)
        continue
      }
      // The API's sentence names columns ("slug, channel"); the form says it in the merchant's words,
      // once, beside the first field of the set.
      const shown = set.filter((field) => field !== 'channel')
      const labels = shown.map((field) => inSentence(resource.fields[field]?.label ?? field))
      const combination = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}` : labels[0]
      const where = set.includes('channel') ? ' in this sales channel' : ''
      ;(fieldErrors[shown[0] ?? 'channel'] ??= []).push(`${/^[aeiou]/i.test(resource.title) ? 'An' : 'A'} ${inSentence(resource.title)} with this ${combination} already exists${where}.`)
    }
    return { ok: false, fieldErrors, formError: unplaced.length ? unplaced.join(' ') : null }
  }
  if (error instanceof ServiceError) {
    const message = consoleMessage(error, resource)
    return error.field ? { ok: false, fieldErrors: { [error.field]: [message] }, formError: null } : actionError(message)
  }
  if (error instanceof NotFoundError) return actionError('This record no longer exists; it may have been deleted by someone else.')
  if (error instanceof ForbiddenError) return actionError('Your account is read-only: you cannot change settings.')
  if (error instanceof UnauthenticatedError) return actionError('Your session has ended. Sign in again to save.')
  if (error instanceof AppError) return actionError(error.message)
  throw error
}

/** A 406 in the console's words: the API's sentences follow the spec, which names models and slugs. */
function consoleMessage(error: ServiceError, resource?: Resource): string {
  // The resource's own channel rules say which of its codes are about another channel or a move.
  if (resource?.sameChannel && error.code === resource.sameChannel.code) {
    const label = (error.field && Object.hasOwn(resource.fields, error.field) && resource.fields[error.field].label) || 'A chosen record'
    return `${label} belongs to another sales channel: choose one of this sales channel.`
  }
  if (resource?.channelChange && error.code === resource.channelChange.code) return 'A record cannot move to another sales channel.'
  return error.message
}
