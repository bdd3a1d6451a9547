/** Card-number helpers the checkout form runs in the browser (pure: no Node modules). */

/** Digits only, at most 19. */
export function cardDigits(value: string): string {
  return value.replace(/\D/g, '').slice(0, 19)
}

/** Digits in groups of four as typed ("41111111" → "4111 1111"), as printed on most cards. */
export function formatCardNumber(value: string): string {
  return cardDigits(value).replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** The BIN to ask the card list about: 8 digits once typed (an 8-digit BIN wins), else 6; null before. */
export function binOf(digits: string): string | null {
  if (digits.length >= 8) return digits.slice(0, 8)
  if (digits.length >= 6) return digits.slice(0, 6)
  return null
}
