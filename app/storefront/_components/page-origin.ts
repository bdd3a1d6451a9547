import 'server-only'
import { headers } from 'next/headers'
import { withRequestContext } from '@/lib/http/request-context'

/** Runs a service as if answering this page's request, so absolute URLs (images, logos) use its origin. */
export async function withPageOrigin<T>(run: () => Promise<T>): Promise<T> {
  const list = await headers()
  const host = list.get('host') ?? 'localhost'
  const request = new Request(`http://${host}/storefront`, { headers: { host } })
  return withRequestContext(request, run)
}
