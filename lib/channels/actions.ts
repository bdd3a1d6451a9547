'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db'
import { requireActionUser } from '@/lib/auth/current'
import { getSession } from '@/lib/auth/session'
import { listChannels } from './queries'

export async function switchChannelAction(form: FormData): Promise<void> {
  await requireActionUser()
  const id = Number(form.get('channel'))
  const channels = await listChannels(await getDb())
  if (!channels.some((channel) => channel.id === id)) return
  const session = await getSession()
  session.channelId = id
  await session.save()
  revalidatePath('/', 'layout')
}
