import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'

/**
 * Sending text messages. A driver gets the transaction handle of the work that sends, so the outbox
 * driver's row commits or rolls back with it. A real provider's driver would implement `send` by calling
 * its HTTP API (after commit, e.g. from a queue fed by the outbox), and be chosen by `SMS_DRIVER`.
 */
export interface SmsMessage {
  /** Digits only, without the leading 0 ("5551234567"). */
  phoneNumber: string
  body: string
}

export interface SmsDriver {
  readonly name: string
  send(db: Kysely<Database>, message: SmsMessage): Promise<void>
}

/** `SMS_DRIVER=outbox` (the default, for demos and tests): messages are kept in `sms_outbox`. */
export const outboxDriver: SmsDriver = {
  name: 'outbox',
  async send(db, message) {
    await db.insertInto('sms_outbox').values({ phone_number: message.phoneNumber, body: message.body }).execute()
  },
}

const DRIVERS: Record<string, SmsDriver> = { outbox: outboxDriver }

export function smsDriver(): SmsDriver {
  const name = process.env.SMS_DRIVER || 'outbox'
  const driver = DRIVERS[name]
  if (!driver) throw new Error(`SMS_DRIVER "${name}" is not a known driver (known: ${Object.keys(DRIVERS).join(', ')})`)
  return driver
}

export function isOutboxMode(): boolean {
  return smsDriver().name === 'outbox'
}
