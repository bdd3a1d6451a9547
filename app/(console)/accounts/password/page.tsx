import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { requirePageUser } from '@/lib/auth/current'
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/accounts'
import { PasswordForm } from './password-form'

export const metadata: Metadata = { title: 'Change password' }

export default async function PasswordPage() {
  const user = await requirePageUser()
  return (
    <>
      <PageHeader
        title="Change password"
        crumbs={[{ label: 'Users', href: '/accounts' }, { label: 'Change password' }]}
        description={`Signed in as ${user.email}. A new password signs you out of every other browser and device.`}
      />
      <div className="panel" style={{ maxWidth: 520, padding: 20 }}>
        <PasswordForm email={user.email} minLength={MIN_PASSWORD_LENGTH} />
      </div>
    </>
  )
}
