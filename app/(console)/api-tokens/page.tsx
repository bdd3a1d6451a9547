import type { Metadata } from 'next'
import { listTokens, tokenOwners } from '@/lib/api-tokens/queries'
import { requirePageUser } from '@/lib/auth/current'
import { TokensView } from './tokens-view'
import { listOmKeys, listOrganizations } from '@/lib/om/keys'
import { OmKeys } from './om-keys'
import { getDb } from '@/db'

export const metadata: Metadata = { title: 'API Tokens' }

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser()
  const db = await getDb()
  const [list, owners] = await Promise.all([listTokens(db, await searchParams), tokenOwners(db)])
  const [omKeys, organizations] = await Promise.all([listOmKeys(db), listOrganizations(db)])
  const canWrite = user.role === 'admin'
  return (
    <>
      <TokensView
      list={list}
      canWrite={canWrite}
      owners={owners.map((owner) => ({ value: String(owner.id), label: `${owner.email} (${owner.role})` }))}
      currentUserId={user.userId}
      description={
          <>
            Keys for ERP and OMS integrations calling <code>/api/v1</code> with <code>Authorization: Token &lt;key&gt;</code>. A token acts with
            its user&apos;s role; only a hash of the key is stored.
          </>
      }
    />
    <OmKeys keys={omKeys} organizations={organizations} canWrite={canWrite} />
    </>
  )
}
