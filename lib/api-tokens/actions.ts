'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { withTransaction } from '@/db'
import { requireActionUser } from '@/lib/auth/current'
import { forgetToken } from '@/lib/auth/users'
import { actionError, toActionResult, type ActionResult } from '@/lib/resource/action-result'
import { AppError } from '@/lib/http/errors'
import { fieldErrorsOf } from '@/lib/resource/fields'
import { tokenInputSchema } from './schema'
import { createToken, revokeToken } from './queries'

/** Creates an API token (admins only); the answer carries the key, which is never shown again. */
export async function createTokenAction(input: unknown): Promise<ActionResult<{ pk: number; name: string; prefix: string; key: string }>> {
  try {
    const principal = await requireActionUser({ write: true })
    const parsed = tokenInputSchema.safeParse(input)
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues), formError: null }
    const record = await withTransaction((trx) => createToken(trx, { name: parsed.data.name as string, userId: parsed.data.user as number }, { ...principal, via: 'console' }))
    revalidatePath('/api-tokens')
    return { ok: true, record }
  } catch (error) {
    if (error instanceof AppError) return toActionResult(error)
    throw error
  }
}

export async function revokeTokenAction(id: unknown): Promise<ActionResult<{ pk: number; name: string }>> {
  try {
    const principal = await requireActionUser({ write: true })
    const parsed = z.number().int().positive().max(2147483647).safeParse(id)
    if (!parsed.success) return actionError('Invalid token id.')
    const record = await withTransaction((trx) => revokeToken(trx, parsed.data, { ...principal, via: 'console' }))
    // After the commit: a lookup racing the revocation must not cache the key again as valid.
    forgetToken(record.pk)
    revalidatePath('/api-tokens')
    return { ok: true, record }
  } catch (error) {
    if (error instanceof AppError) return toActionResult(error)
    throw error
  }
}
