'use client'

import { useFormControl } from '../resource-form'
import { TranslationsEditor } from '../translations-editor'

/** A record's translations of one of its fields (`translates`: an installment's label, a payment option's name). */
export function TranslationsControl({ translates }: { translates: string }) {
  const { id, spec, fields, value, disabled, error, setValue } = useFormControl()
  const textLabel = fields.find((field) => field.name === translates)?.label ?? translates
  return <TranslationsEditor id={id} label={spec.label} textKey={translates} textLabel={textLabel} value={String(value ?? '')} disabled={disabled} hint={spec.help} error={error} onChange={setValue} />
}
