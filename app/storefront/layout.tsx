import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { shopPage } from '@/lib/storefront/page-context'
import { LanguageSwitch } from './_components/language-switch'
import { SignOutButton } from './_components/sign-out-button'
import './storefront.css'

export const metadata: Metadata = { title: { default: 'Demo Shop', template: '%s · Demo Shop' } }

export default async function StorefrontLayout({ children }: { children: ReactNode }) {
  const { language, t, shopper } = await shopPage()
  return (
    <div className="shop" lang={language}>
      <a className="shop-skip" href="#shop-main">
        {t.skip}
      </a>
      <header className="shop-header">
        <Link href="/storefront" className="shop-brand">
          <span aria-hidden="true">◆</span> {t.shopName}
        </Link>
        <nav aria-label={t.shopName} className="shop-nav">
          <Link href="/storefront">{t.navCatalog}</Link>
          <Link href="/storefront/basket">{t.navBasket}</Link>
          <Link href="/storefront/my-cards">{t.navCards}</Link>
          {shopper ? <SignOutButton label={t.navSignOut} /> : <Link href="/storefront/sign-in">{t.navSignIn}</Link>}
          <LanguageSwitch current={language} label={t.language} />
        </nav>
      </header>
      {shopper && <p className="shop-signed-in">{t.signedInAs(shopper.email)}</p>}
      <main id="shop-main" className="shop-main">
        {children}
      </main>
    </div>
  )
}
