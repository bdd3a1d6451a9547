'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getDb } from '@/db'
import { verifyPassword } from '@/lib/auth/password'
import { clearFailedLogins, loginThrottled, recordFailedLogin } from '@/lib/auth/rate-limit'
import { getSession } from '@/lib/auth/session'

export type LoginState = { error?: string; email?: string }

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get('email') ?? '').trim().toLowerCase()
  const password = String(form.get('password') ?? '')
  if (!email || !password) return { error: 'Enter your email and password.', email }
  const requestHeaders = await headers()
  const ip = requestHeaders.get('x-forwarded-for')?.split(',')[0]?.trim() || requestHeaders.get('x-real-ip') || 'local'
  if (await loginThrottled(email, ip)) return { error: 'Too many sign-in attempts. Wait 15 minutes and try again.', email }
  const db = await getDb()
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst()
  const valid = user ? await verifyPassword(password, user.password_hash) : false
  if (!user || !valid) {
    await recordFailedLogin(email, ip)
    return { error: 'Wrong email or password.', email }
  }
  await clearFailedLogins(email)
  const session = await getSession()
  session.userId = user.id
  await session.save()
  redirect('/sales-channels/payment-management/pos')
}

export async function logoutAction(): Promise<void> {
  const session = await getSession()
  session.destroy()
  redirect('/login')
}
