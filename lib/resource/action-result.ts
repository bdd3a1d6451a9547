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

/** What a console server action answers: the saved record, or errors placed where the form shows them. */
export type ActionResult<T = Record<string, unknown>> =
  | { ok: true; record: T }
  | { ok: false; fieldErrors: FieldErrors; formError: string | null }

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
      if (!set) {
        unplaced.push(message)
        continue
      }
      for (const field of set) (fieldErrors[field] ??= []).push(message)
    }
    return { ok: false, fieldErrors, formError: unplaced.length ? unplaced.join(' ') : null }
  }
  if (error instanceof ServiceError) {
    const message = `${error.message} (${error.code})`
    return error.field ? { ok: false, fieldErrors: { [error.field]: [message] }, formError: null } : actionError(message)
  }
  if (error instanceof NotFoundError) return actionError('This record no longer exists; it may have been deleted by someone else.')
  if (error instanceof ForbiddenError) return actionError('Your account is read-only: you cannot change settings.')
  if (error instanceof UnauthenticatedError) return actionError('Your session has ended. Sign in again to save.')
  if (error instanceof AppError) return actionError(error.message)
  throw error
}
