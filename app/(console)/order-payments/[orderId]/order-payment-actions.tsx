'use client'

import { useId, useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useToast } from '@/components/toast'
import { useHydrated } from '@/components/use-hydrated'
import { confirmOrderPaymentAction, deleteOrderPaymentAction, refundOrderPaymentAction } from '@/lib/om/actions'

type Action = 'confirm' | 'refund' | 'delete'

/** The buttons a payment's state allows (`can`), each confirmed in a dialog; refunds take an amount. */
export function OrderPaymentActions({ uid, label, can, remaining }: { uid: string; label: string; can: string[]; remaining: string }) {
  const router = useRouter()
  const toast = useToast()
  const hydrated = useHydrated()
  const amountId = useId()
  const [action, setAction] = useState<Action | null>(null)
  const [amount, setAmount] = useState(remaining)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const run = () =>
    startTransition(async () => {
      const result =
        action === 'confirm' ? await confirmOrderPaymentAction(uid) : action === 'delete' ? await deleteOrderPaymentAction(uid) : await refundOrderPaymentAction(uid, amount)
      if (!result.ok) {
        setError(result.error)
        return
      }
      toast(result.message)
      setAction(null)
      setError(null)
      router.refresh()
    })
  const open = (next: Action) => {
    setError(null)
    if (next === 'refund') setAmount(remaining)
    setAction(next)
  }
  if (!can.length) return <span className="muted">—</span>
  return (
    <div className="row">
      {can.includes('confirm') ? (
        <button type="button" className="btn btn-sm btn-primary" disabled={!hydrated} onClick={() => open('confirm')}>
          Confirm<span className="visually-hidden"> {label}</span>
        </button>
      ) : null}
      {can.includes('refund') ? (
        <button type="button" className="btn btn-sm" disabled={!hydrated} onClick={() => open('refund')}>
          Refund<span className="visually-hidden"> {label}</span>
        </button>
      ) : null}
      {can.includes('delete') ? (
        <button type="button" className="btn btn-sm btn-danger-outline" disabled={!hydrated} onClick={() => open('delete')}>
          Delete<span className="visually-hidden"> {label}</span>
        </button>
      ) : null}
      <ConfirmDialog
        open={action !== null}
        title={action === 'confirm' ? `Confirm the ${label}?` : action === 'refund' ? `Refund the ${label}?` : `Delete the ${label}?`}
        confirmLabel={action === 'confirm' ? 'Confirm payment' : action === 'refund' ? 'Refund' : 'Delete'}
        danger={action !== 'confirm'}
        pending={pending}
        error={error}
        onConfirm={run}
        onCancel={() => {
          setAction(null)
          setError(null)
        }}
      >
        {action === 'refund' ? (
          <div className="field">
            <label htmlFor={amountId}>Refund amount</label>
            <input id={amountId} className="input" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} aria-describedby={`${amountId}-hint`} />
            <span className="hint" id={`${amountId}-hint`} style={{ color: 'var(--text-muted)' }}>
              Up to {remaining}. A gateway payment is refunded to the card at once.
            </span>
          </div>
        ) : action === 'confirm' ? (
          <p>The payment is marked complete and counts towards the order.</p>
        ) : (
          <p>The payment is removed from the order. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </div>
  )
}
