import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { getDb } from '@/db'
import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { InvalidError } from '@/lib/http/errors'
import { LANGUAGES } from '@/lib/storefront/language'
import { parsePreviewInput, previewInstallments } from '@/lib/storefront/preview'

export const metadata: Metadata = { title: 'Installment Preview' }

type Search = Record<string, string | string[] | undefined>
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value)

// Installment preview: what the storefront's card endpoints would answer, with the POS of each plan.
export default async function InstallmentPreviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageUser()
  const params = await searchParams
  const { channels, channel } = await currentChannel()
  const channelId = Number(one(params.channel)) || channel?.id
  const raw = { amount: one(params.amount), bin: one(params.bin), currency: one(params.currency), language: one(params.language) }
  let errors: Record<string, string[]> = {}
  let result: Awaited<ReturnType<typeof previewInstallments>> | null = null
  if (raw.amount !== undefined && channelId) {
    try {
      result = await previewInstallments(await getDb(), parsePreviewInput(channelId, raw))
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error
      errors = error.fields
    }
  }
  const field = (name: 'amount' | 'bin' | 'currency', label: string, hint: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={`preview-${name}`}>{label}</label>
      <input
        id={`preview-${name}`}
        name={name}
        className="input"
        defaultValue={raw[name] ?? ''}
        aria-invalid={Boolean(errors[name])}
        aria-describedby={`preview-${name}-hint${errors[name] ? ` preview-${name}-error` : ''}`}
        {...props}
      />
      <span id={`preview-${name}-hint`} className="hint">
        {hint}
      </span>
      {errors[name] && (
        <span id={`preview-${name}-error`} className="error">
          {errors[name][0]}
        </span>
      )}
    </div>
  )
  return (
    <>
      <PageHeader
        title="Installment Preview"
        description="What the storefront shows a shopper for an amount: every card's plans (the same service as the storefront's card endpoints), which POS takes each plan, and why other cards are left out."
      />
      <div className="panel">
        <form className="panel-body table-filters" method="get" aria-label="Preview">
          <div className="field">
            <label htmlFor="preview-channel">Channel</label>
            <select id="preview-channel" name="channel" className="select" defaultValue={String(channelId ?? '')}>
              {channels.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
          {field('amount', 'Amount', 'e.g. 1499.90', { inputMode: 'decimal', required: true })}
          {field('bin', 'BIN (optional)', '6 to 8 digits', { inputMode: 'numeric' })}
          {field('currency', 'Currency (optional)', 'TRY unless given', { maxLength: 3 })}
          <div className="field">
            <label htmlFor="preview-language">Shopper language</label>
            <select id="preview-language" name="language" className="select" defaultValue={raw.language ?? 'tr'}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-primary">
            Preview
          </button>
        </form>
      </div>
      {result && (
        <>
          <div className="panel">
            <div className="panel-header">
              <h2>
                {result.cards.length} card{result.cards.length === 1 ? '' : 's'} offered for {result.amount} {result.currency}
                {result.bin ? ` (BIN ${result.bin.bin_number})` : ''}
              </h2>
            </div>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Plans by card</caption>
                <thead>
                  <tr>
                    <th scope="col">Card</th>
                    <th scope="col">Installments</th>
                    <th scope="col">Rate %</th>
                    <th scope="col">Monthly</th>
                    <th scope="col">First instalment</th>
                    <th scope="col">Total</th>
                    <th scope="col">POS</th>
                    <th scope="col">3-D POS</th>
                  </tr>
                </thead>
                <tbody>
                  {result.cards.flatMap((card) =>
                    card.plans.map((plan, index) => (
                      <tr key={`${card.view.pk}-${plan.pk}`}>
                        {index === 0 ? (
                          <th scope="rowgroup" rowSpan={card.plans.length}>
                            {card.view.name}
                            <div className="muted">{card.view.bank.name}</div>
                          </th>
                        ) : null}
                        <td>{plan.label}</td>
                        <td>{plan.interest_rate}</td>
                        <td>{plan.monthly_price_with_accrued_interest}</td>
                        <td>{plan.first}</td>
                        <td>{plan.price_with_accrued_interest}</td>
                        <td>
                          {plan.pos ? plan.pos.name : '—'}
                          <div className="muted">
                            {plan.role}
                            {card.perCurrency ? ` (${result!.currency})` : ''}
                          </div>
                        </td>
                        <td>{card.threeD ? card.threeD.name : 'None'}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Left out ({result.excluded.length})</h2>
            </div>
            {result.excluded.length ? (
              <div className="table-wrap">
                <table className="data-table">
                  <caption className="visually-hidden">Cards left out and why</caption>
                  <thead>
                    <tr>
                      <th scope="col">Card</th>
                      <th scope="col">Bank</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Detail</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.excluded.map((card) => (
                      <tr key={card.pk}>
                        <th scope="row">{card.name}</th>
                        <td>{card.bank}</td>
                        <td>
                          <span className="badge badge-warning">{card.label}</span>
                        </td>
                        <td>{card.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="panel-body">Every card of the channel is offered.</p>
            )}
          </div>
        </>
      )}
    </>
  )
}
