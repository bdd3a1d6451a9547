import 'server-only'
import { cookies } from 'next/headers'
import { getDb } from '@/db'
import { SESSION_COOKIE, unsealShopperSession } from '@/lib/auth/shopper-session'
import { shopperProfile } from '@/lib/auth/shopper'
import { storefrontChannelId } from './channel'
import { pageLanguage, TEXTS } from './i18n'

/** What every storefront page needs: the database, the shop's channel, the page language and the shopper. */
export async function shopPage() {
  const jar = await cookies()
  const language = pageLanguage(jar.get('shop_lang')?.value)
  const session = await unsealShopperSession(jar.get(SESSION_COOKIE)?.value)
  const db = await getDb()
  const channelId = await storefrontChannelId(db)
  const shopper = session.shopperId ? await shopperProfile(db, session.shopperId) : null
  return { db, channelId, language, t: TEXTS[language], session, shopper }
}
