import { readMedia } from '@/lib/media/storage'
import { defineArea, route, type Route } from '../area'
import { AppError, MethodNotAllowedError, NotFoundError } from '../errors'

/**
 * `/media/…`: uploaded logos, public like the storefront pages that show them. No auth, no bodies; an
 * SVG opened directly must not run or load anything (its own sandboxing CSP wins over the area's).
 */
export const media = defineArea<null>({
  name: 'media',
  prefixes: ['/media/'],
  authenticate: async () => ({ principal: null, viaCookie: false }),
  renderError: (error) => {
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' }
    if (error instanceof AppError) {
      if (error instanceof MethodNotAllowedError) headers.allow = error.allowed.join(', ')
      return new Response(error.message, { status: error.status, headers })
    }
    console.error('Media error:', error instanceof Error ? error.stack : error)
    return new Response('A server error occurred.', { status: 500, headers })
  },
  limits: { json: 0, form: 0, upload: 0 },
  sameOriginForCookieWrites: false,
})

// Names are random and never reused, so a file behind a URL never changes.
const IMMUTABLE = 'public, max-age=31536000, immutable'

export const mediaRoutes: Route[] = [
  // GET, HEAD /media/{folder}/{file}
  route(
    media,
    'GET',
    '/media/{path*}',
    async (_request, { params }) => {
      const file = await readMedia(params.path.split('/'))
      if (!file) throw new NotFoundError()
      return new Response(new Uint8Array(file.bytes), {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'cache-control': IMMUTABLE,
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        },
      })
    },
    { public: true },
  ),
]
