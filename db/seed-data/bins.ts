import type { Network, SeedCard } from './cards'

export type SeedBin = { bin: string; card: string; isActive: boolean }

// Deterministic randomness: the same card slug always yields the same BINs, so seeding twice is identical.
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

function mulberry32(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MAESTRO_PREFIXES = ['5018', '5020', '5038', '6304', '6759', '6761', '6762', '6763']

function digits(random: () => number, count: number): string {
  let text = ''
  for (let index = 0; index < count; index++) text += Math.floor(random() * 10)
  return text
}

/** A 6-digit issuer prefix inside the network's IIN ranges. */
function prefix(network: Network, random: () => number): string {
  switch (network) {
    case 'visa':
      return '4' + digits(random, 5)
    case 'mastercard':
      // Three in four from the classic 51–55 range, the rest from the 2221–2720 range.
      if (random() < 0.75) return '5' + (1 + Math.floor(random() * 5)) + digits(random, 4)
      return String(2221 + Math.floor(random() * 500)) + digits(random, 2)
    case 'troy':
      return '9792' + digits(random, 2)
    case 'amex':
      return '37' + digits(random, 4)
    case 'maestro':
      return MAESTRO_PREFIXES[Math.floor(random() * MAESTRO_PREFIXES.length)] + digits(random, 2)
  }
}

/**
 * BIN numbers for the demo cards: 6-digit BINs and, as issuers do since the 8-digit BIN change, groups of
 * 8-digit BINs under a 6-digit prefix of their own. A 6-digit prefix belongs to one card only, and no 6-digit
 * BIN is the start of an 8-digit one, so a card number's BIN always leads to one card.
 */
export function generateBins(cards: readonly SeedCard[]): SeedBin[] {
  // The fixed test-card BINs first, so no generated BIN (or 8-digit group) can start with them.
  const takenPrefixes = new Set<string>(cards.flatMap((card) => card.fixedBins ?? []))
  const bins: SeedBin[] = cards.flatMap((card) => (card.fixedBins ?? []).map((bin) => ({ bin, card: card.slug, isActive: true })))
  for (const card of cards) {
    const random = mulberry32(hash(card.slug))
    const freshPrefix = (network: Network) => {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const candidate = prefix(network, random)
        if (!takenPrefixes.has(candidate)) {
          takenPrefixes.add(candidate)
          return candidate
        }
      }
      throw new Error(`no free ${network} BIN prefix left for ${card.slug}`)
    }
    let made = 0
    while (made < card.bins) {
      const network = card.networks[Math.floor(random() * card.networks.length)]
      const isActive = random() >= 0.05
      if (random() < 0.2 && card.bins - made >= 2) {
        // An 8-digit group: two or three BINs sharing one 6-digit prefix.
        const base = freshPrefix(network)
        const size = Math.min(card.bins - made, 2 + Math.floor(random() * 2))
        const suffixes = new Set<string>()
        while (suffixes.size < size) suffixes.add(digits(random, 2))
        for (const suffix of [...suffixes].sort()) bins.push({ bin: base + suffix, card: card.slug, isActive })
        made += size
      } else {
        bins.push({ bin: freshPrefix(network), card: card.slug, isActive })
        made += 1
      }
    }
  }
  return bins
}
