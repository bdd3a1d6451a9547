import type { Metadata } from 'next'
import { getDb } from '@/db'
import { listAccounts } from '@/lib/auth/accounts'
import { requirePageUser } from '@/lib/auth/current'
import { pageData } from '@/lib/console/page-data'
import { AccountsView } from './accounts-view'

export const metadata: Metadata = { title: 'Users' }

export default async function AccountsPage() {
  const user = await requirePageUser()
  const accounts = await pageData(async () => listAccounts(await getDb()))
  return <AccountsView accounts={accounts} canWrite={user.role === 'admin'} currentUserId={user.userId} />
}
