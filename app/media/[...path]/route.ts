// GET, HEAD /media/{folder}/{file}: uploaded logos, public like the storefront pages that show them.
import { readMedia } from '@/lib/media/storage'

type Context = { params: Promise<{ path: string[] }> }

// Names are random and never reused, so a file behind a URL never changes.
const IMMUTABLE = 'public, max-age=31536000, immutable'

async function serve(context: Context, withBody: boolean): Promise<Response> {
  const { path } = await context.params
  const media = await readMedia(path ?? [])
  if (!media) return new Response('Not found.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  return new Response(withBody ? new Uint8Array(media.bytes) : null, {
    status: 200,
    headers: {
      'content-type': media.contentType,
      'content-length': String(media.size),
      'cache-control': IMMUTABLE,
      'x-content-type-options': 'nosniff',
      // An SVG opened directly must not run anything or load anything.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  })
}

export async function GET(_request: Request, context: Context) {
  return serve(context, true)
}

export async function HEAD(_request: Request, context: Context) {
  return serve(context, false)
}
