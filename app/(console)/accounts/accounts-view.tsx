'use client'

import Link from 'next/link'
import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { PageHeader } from '@/components/page-header'
import { useToast } from '@/components/toast'
import { useHydrated } from '@/components/use-hydrated'
import { removeUserAction } from '@/lib/auth/account-actions'

type Account = { id: number; email: string; name: string; role: 'admin' | 'viewer'; sessions: number; created_date: string }

const when = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ')

/** The console's users; an admin removes another user after a confirmation (their sessions end at once). */
export function AccountsView({ accounts, canWrite, currentUserId }: { accounts: Account[]; canWrite: boolean; currentUserId: number }) {
  const router = useRouter()
  const toast = useToast()
  const hydrated = useHydrated()
  const [removing, setRemoving] = useState<Account | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const remove = () =>
    startTransition(async () => {
      if (!removing) return
      const result = await removeUserAction(removing.id)
      if (!result.ok) {
        setError(result.formError ?? Object.values(result.fieldErrors).flat().join(' '))
        return
      }
      toast(`User “${result.record.email}” removed. Their sessions have ended.`)
      setRemoving(null)
      router.refresh()
    })
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to this console. Administrators change settings; viewers only read."
        actions={
          <Link className="btn" href="/accounts/password">
            Change your password
          </Link>
        }
      />
      <div className="panel">
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Console users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Signed in</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    {account.email}
                    {account.id === currentUserId ? <span className="badge badge-accent" style={{ marginLeft: 8 }}>You</span> : null}
                  </td>
                  <td>{account.name}</td>
                  <td>{account.role === 'admin' ? 'Administrator' : 'Viewer'}</td>
                  <td>{account.sessions === 0 ? 'No' : account.sessions === 1 ? '1 session' : `${account.sessions} sessions`}</td>
                  <td>{when(account.created_date)}</td>
                  <td style={{ textAlign: 'right' }}>
                    {canWrite && account.id !== currentUserId ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-danger-outline"
                        disabled={!hydrated}
                        onClick={() => {
                          setError(null)
                          setRemoving(account)
                        }}
                      >
                        Remove<span className="visually-hidden"> {account.email}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove user “${removing?.email ?? ''}”?`}
        confirmLabel="Remove user"
        pending={pending}
        error={error}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(null)
          setError(null)
        }}
      >
        <p>They are signed out everywhere at once and their API tokens stop working. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  )
}
