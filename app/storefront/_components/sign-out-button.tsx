'use client'

import { useRouter } from 'next/navigation'
import { shopFetch } from './shop-fetch'

export function SignOutButton({ label }: { label: string }) {
  const router = useRouter()
  return (
    <button
      type="button"
      className="shop-link-button"
      onClick={async () => {
        await shopFetch('POST', '/users/logout/')
        router.push('/storefront')
        router.refresh()
      }}
    >
      {label}
    </button>
  )
}
