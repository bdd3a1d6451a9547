/** One line for a refused action shown outside a form (a toast, a dialog): its form error, else its field errors. */
export function failureMessage(result: { formError?: string | null; fieldErrors?: Record<string, string[]> }): string {
  return result.formError ?? Object.values(result.fieldErrors ?? {}).flat().join(' ')
}
