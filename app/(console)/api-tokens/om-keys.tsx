'use client'

import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useToast } from '@/components/toast'
import { useHydrated } from '@/components/use-hydrated'
import { formatDateTime } from '@/lib/console/format'
import { createOmKeyAction, revokeOmKeyAction } from '@/lib/om/key-actions'

type Key = { id: number; name: string; prefix: string; organization: string; created: string | null; lastUsed: string | null; revoked: boolean }

const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="faint">Never</span>)

/** Order-management api-keys: each bound to one organization, shown once, revocable. */
export function OmKeys({ keys, organizations, canWrite }: { keys: Key[]; organizations: { id: string; name: string }[]; canWrite: boolean }) {
  const router = useRouter()
  const toast = useToast()
  const hydrated = useHydrated()
  const [name, setName] = useState('')
  const [organization, setOrganization] = useState(organizations[0]?.id ?? '')
  const [fields, setFields] = useState<Record<string, string[]>>({})
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null)
  const [copied, setCopied] = useState(false)
  const [revoking, setRevoking] = useState<Key | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const create = () =>
    startTransition(async () => {
      const result = await createOmKeyAction({ name, organization })
      if (!result.ok) {
        setFields(result.fields ?? {})
        setError(result.fields ? null : result.error)
        return
      }
      setFields({})
      setError(null)
      setName('')
      setCreated({ name: result.name, key: result.key! })
      setCopied(false)
      toast(`Order-management key “${result.name}” created.`)
      router.refresh()
    })
  const revoke = () =>
    startTransition(async () => {
      if (!revoking) return
      const result = await revokeOmKeyAction(revoking.id)
      if (!result.ok) {
        setError(result.error)
        return
      }
      toast(`Key “${result.name}” revoked.`)
      setRevoking(null)
      router.refresh()
    })
  return (
    <section className="panel" aria-labelledby="om-keys-heading" style={{ marginTop: 20 }}>
      <div className="panel-header">
        <div>
          <h2 id="om-keys-heading" style={{ margin: 0, fontSize: 15 }}>
            Order-management API keys
          </h2>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            For back-office systems calling <code>/v1/om</code> with the <code>api-key</code> and <code>organization-id</code> headers. A key sees one organization; only a hash is stored.
          </p>
        </div>
      </div>
      <div className="panel-body stack">
        {created ? (
          <div className="key-display" role="status">
            <span>
              Key of “{created.name}” (shown once, copy it now): <code aria-label="New order-management key">{created.key}</code>
            </span>
            <button
              type="button"
              className="btn btn-sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.key).catch(() => undefined)
                setCopied(true)
              }}
            >
              {copied ? 'Copied' : 'Copy key'}
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        ) : null}
        {canWrite ? (
          <form
            className="row"
            style={{ alignItems: 'flex-end' }}
            onSubmit={(event) => {
              event.preventDefault()
              create()
            }}
          >
            <div className="field">
              <label htmlFor="om-key-name">Key name</label>
              <input id="om-key-name" className="input" value={name} onChange={(event) => setName(event.target.value)} aria-invalid={fields.name ? true : undefined} aria-describedby={fields.name ? 'om-key-name-error' : undefined} />
              {fields.name ? (
                <span className="error" id="om-key-name-error">
                  {fields.name.join(' ')}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="om-key-organization">Organization</label>
              <select id="om-key-organization" className="select" value={organization} onChange={(event) => setOrganization(event.target.value)}>
                {organizations.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name} ({item.id})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" disabled={!hydrated || pending}>
              Create key
            </button>
          </form>
        ) : null}
        {error && !revoking ? (
          <div className="form-error" role="alert">
            {error}
          </div>
        ) : null}
        {keys.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Order-management API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td className="mono">{key.prefix}</td>
                    <td>{key.organization}</td>
                    <td>{when(key.created)}</td>
                    <td>{when(key.lastUsed)}</td>
                    <td>
                      {key.revoked ? (
                        <span className="badge badge-danger">Revoked</span>
                      ) : canWrite ? (
                        <button type="button" className="btn btn-sm btn-danger-outline" disabled={!hydrated} onClick={() => setRevoking(key)}>
                          Revoke<span className="visually-hidden"> {key.name}</span>
                        </button>
                      ) : (
                        <span className="badge badge-success">Active</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            No order-management keys yet.
          </p>
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke key “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke"
        pending={pending}
        error={error}
        onConfirm={revoke}
        onCancel={() => {
          setRevoking(null)
          setError(null)
        }}
      >
        <p>Calls with this key are refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  )
}
