import 'server-only'
import { getIronSession, type SessionOptions } from 'iron-session'
import { cookies } from 'next/headers'
import { appSecret } from './secret'
import { SESSION_TTL_SECONDS } from './sessions'

export interface ConsoleSession {
  /** The server-side session (lib/auth/sessions.ts); a cookie without a live one is signed out. */
  sid?: string
  userId?: number
  /** The sales channel the console is scoped to. */
  channelId?: number
}

export function sessionOptions(): SessionOptions {
  return {
    cookieName: 'pm_session',
    password: appSecret(),
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1',
      path: '/',
    },
  }
}

/**
 * The console session. With a request (API areas), its cookie is read from the request itself: on the
 * fast path (lib/http/node.ts) there is no Next request scope for `cookies()`. Read-only there.
 */
export async function getSession(request?: Request) {
  if (request) return getIronSession<ConsoleSession>(requestCookies(request), sessionOptions())
  return getIronSession<ConsoleSession>(await cookies(), sessionOptions())
}

/** A read-only cookie store over a request's `Cookie` header, in the shape iron-session takes. */
function requestCookies(request: Request) {
  const header = request.headers.get('cookie') ?? ''
  return {
    get(name: string) {
      for (const part of header.split(';')) {
        const index = part.indexOf('=')
        if (index > 0 && part.slice(0, index).trim() === name) {
          const raw = part.slice(index + 1).trim()
          try {
            return { name, value: decodeURIComponent(raw) }
          } catch {
            return { name, value: raw }
          }
        }
      }
      return undefined
    },
    set() {
      throw new Error('API areas do not write the console session.')
    },
  }
}
