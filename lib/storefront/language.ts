/** The storefront's languages (the spec's Accept-Language enum); Turkish is the default. */
export const LANGUAGES = ['tr', 'en', 'ar', 'ru', 'de', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

/** The first supported language of an Accept-Language header, by q order, or tr. */
export function pickLanguage(header: string | null | undefined): Language {
  if (!header) return 'tr'
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return (ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.tag))?.tag as Language) ?? 'tr'
}

/** `translations[language][field]` when it is a non-empty text, else the stored value. */
export function translated(translations: unknown, language: string, field: string, fallback: string): string {
  if (typeof translations !== 'object' || translations === null) return fallback
  const texts = (translations as Record<string, unknown>)[language]
  if (typeof texts !== 'object' || texts === null) return fallback
  const text = (texts as Record<string, unknown>)[field]
  return typeof text === 'string' && text.trim() ? text : fallback
}
