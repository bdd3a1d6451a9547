'use client'

import { useFormControl } from '../resource-form'
import { CurrencyPosEditor } from '../currency-pos-editor'

/** A card's per-currency POS in its form; the POS choices are those of the field `optionsOf`. */
export function CurrencyPosControl({ optionsOf }: { optionsOf: string }) {
  const { id, spec, value, options, disabled, error, setValue } = useFormControl()
  return <CurrencyPosEditor id={id} label={spec.label} value={String(value ?? '')} options={options[optionsOf] ?? []} disabled={disabled} hint={spec.help} error={error} onChange={setValue} />
}
