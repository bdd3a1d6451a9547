'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getDb } from '@/db'
import { clientAddress } from '@/lib/auth/client-address'
import { getSession } from '@/lib/auth/session'
import { createSession, endSession } from '@/lib/auth/sessions'
import { signIn } from '@/lib/auth/sign-in'

export type LoginState = { error?: string; email?: string }

function minutes(seconds: number): string {
  const count = Math.max(1, Math.ceil(seconds / 60))
  return count === 1 ? '1 minute' : `${count} minutes`
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get('email') ?? '').trim().toLowerCase()
  const password = String(form.get('password') ?? '')
  if (!email || !password) return { error: 'Enter your email and password.', email }
  const db = await getDb()
  const result = await signIn(db, { email, password, client: clientAddress(await headers()) })
  if (!result.ok) {
    if (result.reason === 'throttled')
      return { error: `Too many sign-in attempts from this device. Wait ${minutes(result.retryAfterSeconds)} and try again.`, email }
    return { error: 'Wrong email or password.', email }
  }
  const session = await getSession()
  session.sid = await createSession(db, result.userId)
  session.userId = result.userId
  await session.save()
  redirect('/sales-channels/payment-management/pos')
}

/** Ends the session on the server (every app server), not only the cookie in this browser. */
export async function logoutAction(): Promise<void> {
  const session = await getSession()
  if (session.sid) await endSession(await getDb(), session.sid)
  session.destroy()
  redirect('/login')
}
