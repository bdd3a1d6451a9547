'use server'

import { headers } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db'
import { AppError } from '@/lib/http/errors'
import { actionError, toActionResult, type ActionResult } from '@/lib/resource/action-result'
import { changeOwnPassword, removeAccount } from './accounts'
import { clientAddress } from './client-address'
import { requireActionUser } from './current'
import { getSession } from './session'
import { createSession } from './sessions'

/**
 * The signed-in user's new password (auth checked here, not only by the page). Every session of the
 * user ends, on every app server; this browser is given a fresh one so the user stays signed in here.
 */
export async function changePasswordAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const user = await requireActionUser()
    const db = await getDb()
    await changeOwnPassword(db, user, input, clientAddress(await headers()))
    const session = await getSession()
    session.sid = await createSession(db, user.userId)
    session.userId = user.userId
    await session.save()
    return { ok: true, record: { email: user.email } }
  } catch (error) {
    if (error instanceof AppError) return toActionResult(error)
    throw error
  }
}

/** An admin removes a user (never themselves); their sessions and tokens end. */
export async function removeUserAction(id: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const admin = await requireActionUser({ write: true })
    const parsed = z.number().int().positive().max(2147483647).safeParse(id)
    if (!parsed.success) return actionError('Invalid user id.')
    const record = await removeAccount(await getDb(), admin, parsed.data)
    revalidatePath('/accounts')
    return { ok: true, record }
  } catch (error) {
    if (error instanceof AppError) return toActionResult(error)
    throw error
  }
}
