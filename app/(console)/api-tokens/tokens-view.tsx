'use client'

import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, type Resolver } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { DataTable } from '@/components/data-table'
import { PageHeader } from '@/components/page-header'
import { useToast } from '@/components/toast'
import { useHydrated } from '@/components/use-hydrated'
import { createTokenAction, revokeTokenAction } from '@/lib/api-tokens/actions'
import { tokenInputSchema } from '@/lib/api-tokens/schema'
import type { Option } from '@/lib/console/field-spec'
import type { ColumnSpec, ListState } from '@/lib/console/table-spec'

const COLUMNS: ColumnSpec[] = [
  { id: 'name', header: 'Name', kind: 'text', sortable: true },
  { id: 'prefix', header: 'Key', kind: 'mono', sortable: false },
  { id: 'user_email', header: 'Acts as', kind: 'text', sortable: false },
  { id: 'created_date', header: 'Created', kind: 'datetime', sortable: true },
  { id: 'last_used_at', header: 'Last used', kind: 'datetime', sortable: true },
  { id: 'revoked_at', header: 'Revoked', kind: 'datetime', sortable: false, hiddenByDefault: true },
]

type FormValues = { name: string; user: string }
type Created = { name: string; key: string }

function CreateTokenDialog({ owners, currentUserId, onClose }: { owners: Option[]; currentUserId: number; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const router = useRouter()
  const toast = useToast()
  const [created, setCreated] = useState<Created | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const { register, handleSubmit, formState, setError } = useForm<FormValues, unknown, { name: string; user: number }>({
    defaultValues: { name: '', user: String(currentUserId) },
    resolver: zodResolver(tokenInputSchema) as unknown as Resolver<FormValues, unknown, { name: string; user: number }>,
  })
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  const close = () => {
    ref.current?.close()
    onClose()
    if (created) router.refresh()
  }
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null)
    const result = await createTokenAction(values)
    if (!result.ok) {
      for (const [name, messages] of Object.entries(result.fieldErrors))
        if (name === 'name' || name === 'user') setError(name, { type: 'server', message: messages.join(' ') })
      setFormError(result.formError)
      return
    }
    setCreated({ name: result.record.name, key: result.record.key })
    toast(`Token “${result.record.name}” created.`)
  })
  const copy = async () => {
    if (!created) return
    await navigator.clipboard?.writeText(created.key).catch(() => undefined)
    setCopied(true)
  }
  const nameError = formState.errors.name?.message
  const userError = formState.errors.user?.message
  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (!formState.isSubmitting) close()
      }}
    >
      {created ? (
        <div>
          <h2 id={titleId}>Copy the key of “{created.name}”</h2>
          <p>This is the only time the key is shown. Store it in your integration&apos;s secret settings now.</p>
          <div className="key-display">
            <code aria-label="New API key">{created.key}</code>
            <button type="button" className="btn btn-sm" onClick={copy} autoFocus>
              {copied ? 'Copied' : 'Copy key'}
            </button>
          </div>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={close}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <h2 id={titleId}>New API token</h2>
          <p>Name it after the system that will use it, so you know what breaks if you revoke it.</p>
          <fieldset className="stack" disabled={formState.isSubmitting} style={{ border: 0, padding: 0, margin: 0 }}>
            {formError ? (
              <div className="form-error" role="alert">
                {formError}
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="token-name">Name</label>
              <input id="token-name" className="input" autoComplete="off" aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? 'token-name-error' : undefined} {...register('name')} autoFocus />
              {nameError ? (
                <span className="error" id="token-name-error">
                  {nameError}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="token-user">Acts as</label>
              <select id="token-user" className="select" aria-describedby="token-user-hint" {...register('user')}>
                {owners.map((owner) => (
                  <option key={owner.value} value={owner.value}>
                    {owner.label}
                  </option>
                ))}
              </select>
              <span className="hint" id="token-user-hint">
                The token can do what this user can: a viewer&apos;s token only reads.
              </span>
              {userError ? <span className="error">{userError}</span> : null}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="button" className="btn" onClick={close} disabled={formState.isSubmitting}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? <span className="spinner" aria-hidden /> : null}
              Create token
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}

/** The token list with its create dialog (key shown once) and revoke confirmation; admins only write. */
export function TokensView({
  list,
  canWrite,
  owners,
  currentUserId,
  description,
}: {
  list: ListState
  canWrite: boolean
  owners: Option[]
  currentUserId: number
  description: ReactNode
}) {
  const router = useRouter()
  const toast = useToast()
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<{ pk: number; name: string } | null>(null)
  const [revokeError, setRevokeError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()
  const revoke = () =>
    startTransition(async () => {
      if (!revoking) return
      const result = await revokeTokenAction(revoking.pk)
      if (!result.ok) {
        setRevokeError(result.formError)
        return
      }
      toast(`Token “${result.record.name}” revoked.`)
      setRevoking(null)
      router.refresh()
    })
  return (
    <>
      <PageHeader
        title="API Tokens"
        description={description}
        actions={
          canWrite ? (
            <button type="button" className="btn btn-primary" disabled={!hydrated} onClick={() => setCreating(true)}>
              New token
            </button>
          ) : null
        }
      />
      <DataTable
        caption="API tokens"
        columns={COLUMNS}
        filters={[
          { param: 'name__icontains', label: 'Name', type: 'text' },
          { param: 'status', label: 'Status', type: 'select', options: [{ value: 'active', label: 'Active' }, { value: 'revoked', label: 'Revoked' }] },
        ]}
        empty={{ title: 'No API tokens yet', text: canWrite ? 'Create a token for each system that calls the API.' : undefined }}
        rowActions={(row) =>
          row.active ? (
            canWrite ? (
              <button type="button" className="btn btn-sm btn-danger-outline" disabled={!hydrated} onClick={() => setRevoking({ pk: Number(row.pk), name: String(row.name) })}>
                Revoke<span className="visually-hidden"> {String(row.name)}</span>
              </button>
            ) : (
              <span className="badge badge-success">Active</span>
            )
          ) : (
            <span className="badge badge-danger">Revoked</span>
          )
        }
        {...list}
      />
      {creating ? <CreateTokenDialog owners={owners} currentUserId={currentUserId} onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke token “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke"
        pending={pending}
        error={revokeError}
        onConfirm={revoke}
        onCancel={() => {
          setRevoking(null)
          setRevokeError(null)
        }}
      >
        <p>Calls with this key are refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  )
}
