'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import type { RecordActions } from '@/lib/resource/action-result'
import { inSentence } from '@/lib/console/format'
import { failureMessage } from '../action-message'
import { ConfirmDialog } from '../confirm-dialog'
import { useToast } from '../toast'
import { useHydrated } from '../use-hydrated'

export type DeleteVerb = 'Delete' | 'Deactivate'

/**
 * Save and cancel, and (on a record's own page) delete or deactivate after confirmation. Buttons wait
 * for hydration, so the form is never submitted natively before it can be checked.
 */
export function ResourceFormFooter({
  title,
  creating,
  submitting,
  onCancel,
  remove,
}: {
  title: string
  creating: boolean
  submitting: boolean
  onCancel: () => void
  /** Deleting the record shown; absent in dialogs and on create. */
  remove?: { pk: number; name: string; verb: DeleteVerb; action: RecordActions['delete']; listHref: string }
}) {
  const router = useRouter()
  const toast = useToast()
  const hydrated = useHydrated()
  const [confirming, setConfirming] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [deleting, startDelete] = useTransition()

  const onDelete = () =>
    startDelete(async () => {
      if (!remove) return
      setDeleteError(null)
      const result = await remove.action(remove.pk)
      if (!result.ok) {
        setDeleteError(failureMessage(result))
        return
      }
      setConfirming(false)
      toast(`${title} ${remove.verb === 'Delete' ? 'deleted' : 'deactivated'}.`)
      router.push(remove.listHref)
      router.refresh()
    })

  return (
    <>
      <div className="panel-footer">
        <div>
          {remove ? (
            <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} disabled={submitting || !hydrated}>
              {remove.verb}
            </button>
          ) : null}
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={onCancel} disabled={submitting}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={submitting || !hydrated} aria-busy={submitting || undefined}>
            {submitting ? <span className="spinner" aria-hidden /> : null}
            {submitting ? 'Saving…' : creating ? `Create ${inSentence(title)}` : 'Save changes'}
          </button>
        </div>
      </div>
      {remove ? (
        <ConfirmDialog
          open={confirming}
          title={`${remove.verb} ${inSentence(title)} “${remove.name}”?`}
          confirmLabel={remove.verb}
          pending={deleting}
          error={deleteError}
          onConfirm={onDelete}
          onCancel={() => {
            setConfirming(false)
            setDeleteError(null)
          }}
        >
          <p>
            {remove.verb === 'Delete'
              ? 'This removes it for good. Storefront payments that use it stop working at once.'
              : 'It stays in the list as inactive and is no longer offered to shoppers.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  )
}
