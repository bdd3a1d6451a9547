'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useToast } from '@/components/toast'
import { useHydrated } from '@/components/use-hydrated'
import { refundPaymentAction, settlePaymentAction } from '@/lib/ledger/actions'
import { decimalToMinor, formatMoney } from '@/lib/ledger/money'

/** Refund (remaining amount prefilled, confirmed in a dialog) and settle, for administrators. */
export function PaymentActions({ paymentId, method, status, remaining, amount }: { paymentId: string; method: string; status: string; remaining: string; amount: string }) {
  const router = useRouter()
  const toast = useToast()
  const hydrated = useHydrated()
  const [refundAmount, setRefundAmount] = useState(remaining)
  const [confirming, setConfirming] = useState<'refund' | 'settle' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const canRefund = status !== 'error' && remaining !== '0.00'
  // Shown as everywhere else on the page (1,234.50); the input keeps the plain decimal the action parses.
  const shown = (decimal: string) => formatMoney(decimalToMinor(decimal))
  const run = () =>
    startTransition(async () => {
      const result = confirming === 'refund' ? await refundPaymentAction(paymentId, refundAmount) : await settlePaymentAction(paymentId, amount)
      if (!result.ok) {
        setError(result.error)
        return
      }
      toast(result.message)
      setConfirming(null)
      setError(null)
      router.refresh()
    })
  return (
    <div className="stack">
      {canRefund ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault()
            setError(null)
            setConfirming('refund')
          }}
        >
          <div className="field">
            <label htmlFor="refund-amount">Refund amount</label>
            <input
              id="refund-amount"
              className="input"
              inputMode="decimal"
              value={refundAmount}
              onChange={(event) => setRefundAmount(event.target.value)}
              aria-describedby="refund-hint"
              required
              pattern="\d+(\.\d{1,2})?"
            />
            <span className="hint" id="refund-hint" style={{ color: 'var(--text-muted)' }}>
              Up to {shown(remaining)}. The money goes back through the gateway at once.
            </span>
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={!hydrated}>
              Refund…
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{status === 'error' ? 'The gateway declined this payment: nothing to refund.' : 'Fully refunded.'}</p>
      )}
      {status === 'success' ? (
        <div>
          <button type="button" className="btn" disabled={!hydrated} onClick={() => setConfirming('settle')}>
            Settle {shown(amount)}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'refund' ? `Refund ${refundAmount}?` : `Settle ${shown(amount)}?`}
        confirmLabel={confirming === 'refund' ? 'Refund' : 'Settle'}
        danger={confirming === 'refund'}
        pending={pending}
        error={error}
        onConfirm={run}
        onCancel={() => {
          setConfirming(null)
          setError(null)
        }}
      >
        <p>{confirming === 'refund' ? `The amount is refunded ${method === 'mbway' ? 'to the MB WAY account' : 'to the card'} through the gateway. This cannot be undone.` : 'The payment is marked as settled by the bank.'}</p>
      </ConfirmDialog>
    </div>
  )
}
