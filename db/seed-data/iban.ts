/** ISO 13616 IBANs for the demo bank accounts, computed rather than copied so they always pass mod-97. */

// Letters count as two-digit numbers (A=10 … Z=35) when an IBAN is checked.
function numeric(text: string): string {
  return text.toUpperCase().replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55))
}

// The digit string is far longer than a safe integer, so reduce it piecewise.
function mod97(digits: string): number {
  let remainder = 0
  for (let start = 0; start < digits.length; start += 7) {
    remainder = Number(String(remainder) + digits.slice(start, start + 7)) % 97
  }
  return remainder
}

export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(numeric(bban + country + '00'))).padStart(2, '0')
}

export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(iban)) return false
  return mod97(numeric(iban.slice(4) + iban.slice(0, 4))) === 1
}

/** A Turkish IBAN: TR, check digits, the 5-digit bank code, the reserved 0 and a 16-digit account number. */
export function turkishIban(bankCode: string, accountNumber: string): string {
  if (!/^[0-9]{5}$/.test(bankCode)) throw new Error(`bank code must be 5 digits: ${bankCode}`)
  if (!/^[0-9]{16}$/.test(accountNumber)) throw new Error(`account number must be 16 digits: ${accountNumber}`)
  const bban = `${bankCode}0${accountNumber}`
  return `TR${ibanCheckDigits('TR', bban)}${bban}`
}
