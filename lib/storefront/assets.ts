import { publicOrigin } from '@/lib/http/request-context'
import { mediaUrl } from '@/lib/media/storage'

/**
 * Images shipped with the app under public/shop-assets (no network at run time): product pictures and
 * the demo banks' and card programmes' logos. A logo uploaded in the console wins over the shipped one.
 */
export const SHIPPED_LOGOS = {
  banks: new Set([
    'ziraat-bankasi', 'halkbank', 'vakifbank', 'teb', 'akbank', 'sekerbank', 'garanti-bbva', 'is-bankasi', 'yapi-kredi', 'ing',
    'qnb', 'hsbc', 'denizbank', 'albaraka-turk', 'kuveyt-turk', 'turkiye-finans',
  ]),
  'card-types': new Set([
    'bonus', 'bonus-business', 'miles-smiles', 'world', 'axess', 'wings', 'maximum', 'cardfinans', 'paraf', 'advantage', 'bankkart-combo', 'saglam-kart',
  ]),
}

/** An app path (`/shop-assets/…`) as an absolute URL of the origin the client used (or PUBLIC_URL). */
export function absoluteAssetUrl(value: string | null): string | null {
  if (!value) return null
  if (value.startsWith('/')) return `${publicOrigin()}${value}`
  return mediaUrl(value)
}

export function logoUrl(kind: keyof typeof SHIPPED_LOGOS, stored: string | null, slug: string): string | null {
  if (stored) return mediaUrl(stored)
  return SHIPPED_LOGOS[kind].has(slug) ? `${publicOrigin()}/shop-assets/${kind}/${slug}.svg` : null
}
