import type { Kysely } from 'kysely'
import type { Database } from '@/db/types'
import { InvalidError } from '@/lib/http/errors'
import { pageLinks } from '@/lib/resource/list'

/** The SMS outbox, newest first: the console page and `GET /api/v1/sms_outbox/?phone_number=`. */
export async function listOutbox(db: Kysely<Database>, params: URLSearchParams, requestUrl?: string) {
  const phone = params.get('phone_number')
  const rawPage = params.get('page') ?? '1'
  const rawLimit = params.get('limit') ?? '20'
  if (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1) throw new InvalidError({ page: ['A valid integer is required.'] })
  if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1) throw new InvalidError({ limit: ['A valid integer is required.'] })
  if (phone !== null && !/^\d{1,14}$/.test(phone.replace(/^0/, ''))) throw new InvalidError({ phone_number: ['Enter digits only.'] })
  const page = Number(rawPage)
  const limit = Math.min(Number(rawLimit), 500)
  const normalized = phone?.replace(/^0/, '')
  let rows = db.selectFrom('sms_outbox').select(['id', 'phone_number', 'body', 'created_date'])
  let count = db.selectFrom('sms_outbox').select(db.fn.countAll<number>().as('n'))
  if (normalized) {
    rows = rows.where('phone_number', '=', normalized)
    count = count.where('phone_number', '=', normalized)
  }
  const [list, total] = await Promise.all([rows.orderBy('id', 'desc').limit(limit).offset((page - 1) * limit).execute(), count.executeTakeFirstOrThrow()])
  const n = Number(total.n)
  return {
    count: n,
    ...pageLinks(requestUrl, page, limit, n),
    results: list.map((row) => ({ pk: row.id, phone_number: row.phone_number, body: row.body, created_date: isoMicro(row.created_date) })),
  }
}

/** Postgres text timestamps ("2026-11-30 05:01:02.123+00") in the API's ISO form with microseconds. */
export function isoMicro(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?/.exec(value)
  if (!match) return value
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`
}

/** The newest message to a phone (the storefront's outbox hint). */
export async function latestOutboxMessage(db: Kysely<Database>, phoneNumber: string) {
  return db.selectFrom('sms_outbox').select(['body', 'created_date']).where('phone_number', '=', phoneNumber).orderBy('id', 'desc').limit(1).executeTakeFirst()
}
