/**
 * A client's value as an error message may quote it ("\"x\" is not a valid choice."). `String(value)`
 * throws on an object whose own `toString`/`valueOf` is not a function (`{"toString": "x"}`), turning
 * bad input into a 500, and would print `[object Object]` otherwise: objects and arrays are shown as
 * JSON, cut short, since a message is no place for a megabyte of input.
 */
export function shownValue(value: unknown, max = 100): string {
  let text: string
  if (typeof value === 'string') text = value
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) text = `${value}`
  else {
    try {
      text = JSON.stringify(value) ?? typeof value
    } catch {
      text = typeof value
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text
}
