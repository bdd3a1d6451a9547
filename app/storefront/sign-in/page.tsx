import type { Metadata } from 'next'
import { shopperCredentials } from '@/db/seed-data/storefront'
import { shopPage } from '@/lib/storefront/page-context'
import { SignInForm } from '../_components/sign-in-form'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Sign in' }

/** Where to go after signing in: only a storefront path of this site (never another host). */
function afterSignIn(next: string | string[] | undefined): string {
  return typeof next === 'string' && /^\/storefront\/[\w\-/]*$/.test(next) ? next : '/storefront/my-cards'
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { language, t } = await shopPage()
  const next = afterSignIn((await searchParams).next)
  // A demo shop: say how to sign in (only the defaults; changed passwords are not shown).
  const demo = shopperCredentials().filter((shopper) => !process.env.SHOPPER_PASSWORD || shopper.email !== shopperCredentials()[0].email)
  return (
    <>
      <h1>{t.signInTitle}</h1>
      <SignInForm language={language} next={next} />
      <section aria-labelledby="demo-shoppers" className="shop-section shop-note">
        <h2 id="demo-shoppers">{t.demoShoppers}</h2>
        <ul>
          {demo.map((shopper) => (
            <li key={shopper.email}>
              <code>{shopper.email}</code> / <code>{shopper.password}</code>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
