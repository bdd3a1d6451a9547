'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db'
import { requireActionUser } from '@/lib/auth/current'
import { AppError, InvalidError } from '@/lib/http/errors'
import { actorOf } from '@/lib/ledger/actor'
import { createOmKey, revokeOmKey } from './keys'

export type OmKeyResult = { ok: true; name: string; key?: string } | { ok: false; error: string; fields?: Record<string, string[]> }

function failure(error: unknown): OmKeyResult {
  if (error instanceof InvalidError) return { ok: false, error: 'Check the fields below.', fields: error.fields }
  if (error instanceof AppError) return { ok: false, error: error.message }
  throw error
}

/** Creates an order-management api-key (admins only); the answer carries the key, shown once. */
export async function createOmKeyAction(input: { name: unknown; organization: unknown }): Promise<OmKeyResult> {
  try {
    const user = await requireActionUser({ write: true })
    const created = await createOmKey(await getDb(), input, actorOf({ ...user, via: 'console' }))
    revalidatePath('/api-tokens')
    return { ok: true, name: created.name, key: created.key }
  } catch (error) {
    return failure(error)
  }
}

export async function revokeOmKeyAction(id: unknown): Promise<OmKeyResult> {
  try {
    const user = await requireActionUser({ write: true })
    if (typeof id !== 'number' || !Number.isInteger(id)) return { ok: false, error: 'Unknown key.' }
    const revoked = await revokeOmKey(await getDb(), id, actorOf({ ...user, via: 'console' }))
    revalidatePath('/api-tokens')
    return { ok: true, name: revoked.name }
  } catch (error) {
    return failure(error)
  }
}
