/** A title in running text: "Bank account" → "bank account", but "POS integration" and "BIN numbers" keep their capitals. */
export function inSentence(title: string): string {
  // Each word in lower case, but acronyms (POS, BIN, IBAN, 3D) stay as they are: "Card Settings" → "card settings".
  return title.replace(/\S+/g, (word) => (/^[A-Z0-9]{2}/.test(word) ? word : word.charAt(0).toLowerCase() + word.slice(1)))
}
