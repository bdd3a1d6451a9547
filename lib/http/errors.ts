/**
 * Errors are data: services throw these, and one mapper turns them into the spec's response shapes
 * (lib/http/respond.ts) or into form field errors (lib/resource/action-result.ts).
 */
export type FieldErrors = Record<string, string[]>

export abstract class AppError extends Error {
  abstract readonly status: number
  abstract body(): unknown
}

/** 400 `{field: [message]}`: input that does not validate. */
export class InvalidError extends AppError {
  readonly status = 400
  constructor(readonly fields: FieldErrors) {
    super(Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; '))
  }
  body() {
    return this.fields
  }
}

/** 400 `{detail: "JSON parse error - …"}`: a body that cannot be read at all. */
export class ParseError extends AppError {
  readonly status = 400
  body() {
    return { detail: this.message }
  }
}

/** 400 `{non_field_errors: ["The fields slug, channel must make a unique set."]}`. */
export class UniqueError extends AppError {
  readonly status = 400
  constructor(readonly messages: string[]) {
    super(messages.join(' '))
  }
  body() {
    return { non_field_errors: this.messages }
  }
}

/** 406 `{non_field_errors: "…", error_code: "pos_100_3"}`: a service-layer rule refused the change. */
export class ServiceError extends AppError {
  readonly status = 406
  constructor(
    readonly code: string,
    message: string,
    /** The input field the rule is about, so forms can show it beside that field. */
    readonly field?: string,
  ) {
    super(message)
  }
  body() {
    return { non_field_errors: this.message, error_code: this.code }
  }
}

export class NotFoundError extends AppError {
  readonly status = 404
  constructor(message = 'Not found.') {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401
  constructor(message = 'Authentication credentials were not provided.') {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403
  constructor(message = 'You do not have permission to perform this action.') {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405
  /** The methods the path does answer, for the `Allow` header. */
  constructor(method: string, readonly allowed: string[] = []) {
    super(`Method "${method}" not allowed.`)
  }
  body() {
    return { detail: this.message }
  }
}

/** 413: a body over the area's cap, refused without reading it whole (from Content-Length, or while streaming). */
export class PayloadTooLargeError extends AppError {
  readonly status = 413
  constructor(readonly limitBytes: number) {
    super(`Request body is too large (at most ${formatBytes(limitBytes)}).`)
  }
  body() {
    return { detail: this.message }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`
  return `${bytes} bytes`
}

/** 503 + Retry-After: the database does not answer (restarting, down); the client may retry. */
export class UnavailableError extends AppError {
  readonly status = 503
  constructor(readonly retryAfterSeconds = 1, message = 'The service is temporarily unavailable. Try again shortly.') {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415
  constructor(mediaType: string) {
    super(`Unsupported media type "${mediaType}" in request.`)
  }
  body() {
    return { detail: this.message }
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429
  constructor(readonly retryAfterSeconds: number) {
    super(`Request was throttled. Expected available in ${retryAfterSeconds} seconds.`)
  }
  body() {
    return { detail: this.message }
  }
}

/** Postgres error fields we read (pg and PGlite both expose them). */
export function pgErrorCode(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {}
  const { code, constraint } = error as { code?: unknown; constraint?: unknown }
  return {
    code: typeof code === 'string' ? code : undefined,
    constraint: typeof constraint === 'string' ? constraint : undefined,
  }
}
