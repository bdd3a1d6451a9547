/** Card programmes issued in Turkey; several banks share one programme (Bonus, World, Advantage). */
export type SeedCardType = { slug: string; name: string; logo: string | null }

export const SEED_CARD_TYPES = [
  { slug: 'bonus', name: 'Bonus', logo: null },
  { slug: 'bonus-business', name: 'Bonus Business', logo: null },
  { slug: 'miles-smiles', name: 'Miles&Smiles', logo: null },
  { slug: 'world', name: 'World', logo: null },
  { slug: 'axess', name: 'Axess', logo: null },
  { slug: 'wings', name: 'Wings', logo: null },
  { slug: 'maximum', name: 'Maximum', logo: null },
  { slug: 'cardfinans', name: 'CardFinans', logo: null },
  { slug: 'paraf', name: 'Paraf', logo: null },
  { slug: 'advantage', name: 'Advantage', logo: null },
  { slug: 'bankkart-combo', name: 'Bankkart Combo', logo: null },
  { slug: 'saglam-kart', name: 'Sağlam Kart', logo: null },
] as const satisfies readonly SeedCardType[]

export type CardTypeSlug = (typeof SEED_CARD_TYPES)[number]['slug']
