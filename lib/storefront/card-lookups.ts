import type { Kysely } from 'kysely'
import { readRows } from '@/db/connection'
import type { Database } from '@/db/types'
import { publicOrigin } from '@/lib/http/request-context'
import { cardPage, EMPTY_PAGE, evaluateCards, findBin, loadWorkingSet, type CardView, type WorkingSet } from './cards'
import { toMinor } from './money'

/**
 * The version of the storefront's working-set tables a snapshot sees (migration 0014), and how many
 * change rows make it up (folded into one when they pile up).
 */
const VERSION = { sql: 'select coalesce(sum(weight), 0)::text as version, count(*)::int as changes from settings_changes', parameters: [], prepared: true }

/** Change rows past which a reader folds them into one (the version's read stays one index-free scan of a few rows). */
const COMPACT_AFTER = 200

/**
 * Folds every change row this transaction sees into one of their summed weight: the sum every snapshot
 * sees stays what it was (a snapshot sees the whole fold or none of it). Two folds at once each fold the
 * rows the other did not delete.
 */
const COMPACT = {
  sql: 'with gone as (delete from settings_changes returning weight) insert into settings_changes (weight) select sum(weight) from gone having count(*) > 0',
  parameters: [],
}

/** A channel's working set under the version it was read at, and the card lists worked out from it, by amount. */
interface KeptWorkingSet {
  version: string
  set: WorkingSet
  /** By amount (minor units), language and origin (the logos' URLs): the cards and plans `evaluateCards` gives. */
  views: Map<string, CardView[]>
  /** The same lists as answers, encoded once (UTF-8 JSON), by the views' key and the card a BIN narrowed them to. */
  encoded: Map<string, Buffer>
}

/** Card lists kept per working set (the least recently added go first). */
const MAX_VIEWS = 500

/**
 * The channel's working set (cards with their plans) as `loadWorkingSet` reads it, kept per database handle
 * and channel under the version of the tables it was read at, and read again only when that version moved.
 * The version is read before the set: a set kept under a version is at least as new as that version, and a
 * request that sees a newer version reads the set again. Why: docs/decisions/030-storefront-working-set-cache.md.
 */
async function currentWorkingSet(db: Kysely<Database>, channelId: number): Promise<KeptWorkingSet> {
  const [{ version, changes }] = await readRows<{ version: string; changes: number }>(db, VERSION)
  if (changes > COMPACT_AFTER) void readRows(db, COMPACT).catch(() => {}) // the next reader folds them if this fails
  let kept = keptByDb.get(db)
  if (!kept) keptByDb.set(db, (kept = new Map()))
  const hit = kept.get(channelId)
  if (hit?.version === version) return hit
  const fresh: KeptWorkingSet = { version, set: await loadWorkingSet(db, channelId), views: new Map(), encoded: new Map() }
  const now = kept.get(channelId)
  // A slower reader of an older version does not replace a newer set (versions only grow).
  if (!now || BigInt(now.version) <= BigInt(version)) {
    if (!now && kept.size >= MAX_CHANNELS) kept.delete(kept.keys().next().value!)
    kept.set(channelId, fresh)
  }
  return fresh
}

const MAX_CHANNELS = 100
/** By database handle: two databases with the same history of changes have the same versions but not the same rows. */
const keptByDb = new WeakMap<Kysely<Database>, Map<number, KeptWorkingSet>>()

/**
 * The card list for an amount (null: no basket / no pre-order → an empty page). The list for an amount is
 * worked out once per working set (and language and origin); a BIN narrows it to the card owning the BIN,
 * as `evaluateCards` does.
 */
export async function availableCards(
  db: Kysely<Database>,
  channelId: number,
  amount: string | null,
  options: { language: string; binNumber?: string | null },
) {
  if (amount === null) return EMPTY_PAGE
  const { views, cardId } = await cardViews(db, channelId, amount, options)
  return cardPage(narrowed(views, cardId))
}

const EMPTY_ANSWER = Buffer.from(JSON.stringify(EMPTY_PAGE))

/**
 * `availableCards` as its answer's bytes, encoded once per list and kept beside the list: the lists are a
 * shop's hottest answers (tens of kB with every plan), and encoding them was a fifth of a card lookup's
 * server time. The bytes are shared by every answer: nothing may write to them.
 */
export async function availableCardsAnswer(
  db: Kysely<Database>,
  channelId: number,
  amount: string | null,
  options: { language: string; binNumber?: string | null },
): Promise<Buffer> {
  if (amount === null) return EMPTY_ANSWER
  const { kept, key, views, cardId } = await cardViews(db, channelId, amount, options)
  const answerKey = `${key}|${cardId === undefined ? '*' : (cardId ?? '-')}`
  let answer = kept.encoded.get(answerKey)
  if (!answer) {
    answer = Buffer.from(JSON.stringify(cardPage(narrowed(views, cardId))))
    if (kept.encoded.size >= MAX_VIEWS) kept.encoded.delete(kept.encoded.keys().next().value!)
    kept.encoded.set(answerKey, answer)
  }
  return answer
}

/** Every card when no BIN was given (undefined), else the card owning the BIN (none when no card owns it: null). */
function narrowed(views: CardView[], cardId: number | null | undefined): CardView[] {
  return cardId === undefined ? views : views.filter((view) => view.pk === cardId)
}

async function cardViews(db: Kysely<Database>, channelId: number, amount: string, options: { language: string; binNumber?: string | null }) {
  const [kept, bin] = await Promise.all([
    currentWorkingSet(db, channelId),
    options.binNumber ? findBin(db, channelId, options.binNumber) : Promise.resolve(null),
  ])
  const key = `${toMinor(amount)}|${options.language}|${publicOrigin()}`
  let views = kept.views.get(key)
  if (!views) {
    views = evaluateCards(kept.set, amount, { language: options.language }).cards.map((entry) => entry.view)
    if (kept.views.size >= MAX_VIEWS) kept.views.delete(kept.views.keys().next().value!)
    kept.views.set(key, views)
  }
  const cardId = options.binNumber ? (bin?.card_id ?? null) : undefined
  return { kept, key, views, cardId }
}
