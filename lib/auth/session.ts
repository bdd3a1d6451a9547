import 'server-only'
import { getIronSession, type SessionOptions } from 'iron-session'
import { cookies } from 'next/headers'
import { appSecret } from './secret'

export interface ConsoleSession {
  userId?: number
  /** The sales channel the console is scoped to. */
  channelId?: number
}

export function sessionOptions(): SessionOptions {
  return {
    cookieName: 'pm_session',
    password: appSecret(),
    ttl: 60 * 60 * 12,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1',
      path: '/',
    },
  }
}

export async function getSession() {
  return getIronSession<ConsoleSession>(await cookies(), sessionOptions())
}
