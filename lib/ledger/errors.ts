import { AppError } from '@/lib/http/errors'

/** 409: the request is valid but the record's state forbids it (confirm twice, delete a complete payment). */
export class ConflictError extends AppError {
  readonly status = 409
  constructor(
    message: string,
    readonly code: 'conflict' | 'idempotency_mismatch' = 'conflict',
  ) {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

/**
 * A refund larger than what is left. The ledger answers 400 on `amount` (input the caller can fix);
 * order management answers 409 (its state-conflict code). Nothing moves either way.
 */
export class OverRefundError extends AppError {
  readonly status = 400
  constructor(readonly remaining: string) {
    super(`The refund exceeds what is left to refund (${remaining}).`)
  }
  body() {
    return { amount: [this.message] }
  }
}

/** The gateway refused to move the money (a declined refund or void); nothing was written. */
export class GatewayRefusedError extends AppError {
  readonly status = 400
  constructor(message: string) {
    super(message)
  }
  body() {
    return { detail: this.message }
  }
}

/** 400 with DRF's field shape, nested one level for `additional_params` ({"additional_params": {"number": [...]}}). */
export class LedgerValidationError extends AppError {
  readonly status = 400
  constructor(readonly fields: Record<string, string[] | Record<string, string[]>>) {
    super(
      Object.entries(fields)
        .map(([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : JSON.stringify(messages)}`)
        .join('; '),
    )
  }
  body() {
    return this.fields
  }
}
