import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import { InvalidError } from '@/lib/http/errors'
import { isOutboxMode } from '@/lib/sms'
import { listOutbox } from '@/lib/sms/outbox'

export const metadata: Metadata = { title: 'SMS Outbox' }

type Search = Record<string, string | string[] | undefined>
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value)

// SMS outbox (SMS_DRIVER=outbox): the messages the shop would have sent, for admins (they hold live codes).
export default async function SmsOutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser()
  if (user.role !== 'admin')
    return (
      <>
        <PageHeader title="SMS Outbox" />
        <p className="notice">Only administrators can read the SMS outbox: its messages hold live verification codes.</p>
      </>
    )
  const params = await searchParams
  const phone = one(params.phone_number) ?? ''
  let error = ''
  let page: Awaited<ReturnType<typeof listOutbox>> = { count: 0, next: null, previous: null, results: [] }
  try {
    page = await listOutbox(await getDb(), new URLSearchParams({ ...(phone ? { phone_number: phone } : {}), limit: '100' }))
  } catch (caught) {
    if (!(caught instanceof InvalidError)) throw caught
    error = caught.fields.phone_number?.[0] ?? 'Invalid filter.'
  }
  return (
    <>
      <PageHeader
        title="SMS Outbox"
        description={
          isOutboxMode()
            ? 'SMS_DRIVER=outbox: text messages (card verification codes) are kept here instead of being sent. Newest first; the latest 100.'
            : 'A real SMS driver is configured; messages are sent, not kept here.'
        }
      />
      <div className="panel">
        <form className="panel-body table-filters" method="get" aria-label="Filter messages">
          <div className="field">
            <label htmlFor="outbox-phone">Phone number</label>
            <input id="outbox-phone" name="phone_number" className="input" defaultValue={phone} inputMode="tel" aria-invalid={Boolean(error)} aria-describedby={error ? 'outbox-phone-error' : undefined} />
            {error && (
              <span id="outbox-phone-error" className="error">
                {error}
              </span>
            )}
          </div>
          <button type="submit" className="btn btn-primary">
            Filter
          </button>
        </form>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">SMS messages</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Phone number</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {page.results.map((message) => (
                <tr key={message.pk}>
                  <td>{message.created_date.replace('T', ' ').slice(0, 19)}</td>
                  <td>{message.phone_number}</td>
                  <td>{message.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!page.results.length && <p className="panel-body muted">No messages yet.</p>}
        </div>
      </div>
    </>
  )
}
