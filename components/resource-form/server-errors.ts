import type { ServerErrorPlacement } from './form-control-context'

/**
 * Puts an action's field errors where they belong: beside the field when the form has it (or through the
 * field's control, for errors nested inside its value), at the top of the form otherwise. A channel
 * error is shown only when it is the only one (it explains nothing the other errors do not).
 * Returns the form-level message, if any.
 */
export function placeServerErrors(
  result: { fieldErrors: Record<string, string[]>; formError?: string | null },
  editable: Set<string>,
  placements: (name: string) => ServerErrorPlacement | undefined,
  setFieldError: (name: string, message: string) => void,
): string | null {
  const unplaced: string[] = []
  const names = Object.keys(result.fieldErrors)
  for (const [name, messages] of Object.entries(result.fieldErrors)) {
    if (placements(name)?.(messages)) continue
    if (editable.has(name)) setFieldError(name, messages.join(' '))
    else if (name !== 'channel' || !names.some((other) => other !== 'channel')) unplaced.push(...messages)
  }
  if (result.formError) unplaced.unshift(result.formError)
  return unplaced.length ? [...new Set(unplaced)].join(' ') : null
}
