import 'server-only'
import { getDb } from '@/db'
import type { Db } from '@/lib/resource/define'
import { getSession } from '@/lib/auth/session'

export async function listChannels(db: Db) {
  return db.selectFrom('channels').select(['id', 'name', 'slug']).orderBy('id').execute()
}

/** The channel the console is scoped to: the session's choice, else the first channel. */
export async function currentChannel() {
  const [channels, session] = await Promise.all([getDb().then(listChannels), getSession()])
  const chosen = channels.find((channel) => channel.id === session.channelId) ?? channels[0]
  return { channels, channel: chosen }
}
