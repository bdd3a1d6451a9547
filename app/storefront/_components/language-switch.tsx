'use client'

import { useRouter } from 'next/navigation'

/** Türkçe / English: a cookie the pages read, then a refresh of the server-rendered page. */
export function LanguageSwitch({ current, label }: { current: 'tr' | 'en'; label: string }) {
  const router = useRouter()
  const choose = (language: 'tr' | 'en') => {
    document.cookie = `shop_lang=${language}; path=/; max-age=31536000; samesite=lax`
    router.refresh()
  }
  return (
    <div role="group" aria-label={label} className="shop-lang">
      <button type="button" lang="tr" aria-pressed={current === 'tr'} onClick={() => choose('tr')}>
        Türkçe
      </button>
      <button type="button" lang="en" aria-pressed={current === 'en'} onClick={() => choose('en')}>
        English
      </button>
    </div>
  )
}
