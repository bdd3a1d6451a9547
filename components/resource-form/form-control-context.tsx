'use client'

import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react'
import { useFormState, useWatch, type FieldErrors, type UseFormReturn } from 'react-hook-form'
import type { FieldSpec, FormValues, Option } from '@/lib/console/field-spec'

export type Row = Record<string, unknown>
export type ResourceFormApi = UseFormReturn<FormValues, unknown, Record<string, unknown>>

/**
 * A control's own check, run with the form's schema when the form is submitted: the value to send,
 * errors to show under the field (nested ones too), or null to leave the field as the schema left it.
 */
export type FieldCheck = (values: FormValues) => { value: unknown } | { errors: Record<string, unknown> } | null
/** Places the server's messages for a control's field itself; false leaves them to the form. */
export type ServerErrorPlacement = (messages: string[]) => boolean

export interface ControlHooks {
  check?: FieldCheck
  placeServerErrors?: ServerErrorPlacement
}

interface FormShared {
  form: ResourceFormApi
  fields: FieldSpec[]
  record: Row | null
  options: Record<string, Option[]>
  idPrefix: string
  readOnly: boolean
  hooks: Map<string, ControlHooks>
}

const FormContext = createContext<FormShared | null>(null)
const FieldContext = createContext<FieldSpec | null>(null)

export function ResourceFormProvider({ value, children }: { value: FormShared; children: ReactNode }) {
  return <FormContext.Provider value={value}>{children}</FormContext.Provider>
}

/** Renders a control handed in by the page in place of the field's generated one. */
export function ControlSlot({ spec, children }: { spec: FieldSpec; children: ReactNode }) {
  return <FieldContext.Provider value={spec}>{children}</FieldContext.Provider>
}

/**
 * What a control handed in by the page (a POS's gateway settings, a card's currency POS) needs of the
 * form it sits in: its field, value, errors and setter, the record, the reference options, and the form
 * itself for fields of its own. The generic form knows nothing of these controls; they find it here.
 */
export function useFormControl() {
  const shared = useContext(FormContext)
  const spec = useContext(FieldContext)
  if (!shared || !spec) throw new Error('A form control renders inside a ResourceForm, in place of one of its fields.')
  const { form, idPrefix, readOnly } = shared
  const value = useWatch({ control: form.control, name: spec.name })
  const state = useFormState({ control: form.control })
  const errors = (state.errors as FieldErrors<Record<string, unknown>>)[spec.name]
  return {
    ...shared,
    spec,
    id: `${idPrefix}-${spec.name}`,
    value,
    errors,
    error: typeof errors?.message === 'string' ? errors.message : undefined,
    disabled: readOnly || state.isSubmitting,
    /** Sets the field as typing would; checked at once once the form was submitted. */
    setValue: (next: FormValues[string]) => form.setValue(spec.name, next, { shouldDirty: true, shouldValidate: state.isSubmitted }),
  }
}

/** Adds a control's own check and server-error placement to the form, for as long as the control is shown. */
export function useControlHooks(hooks: ControlHooks) {
  const shared = useContext(FormContext)
  const spec = useContext(FieldContext)
  const latest = useRef(hooks)
  useEffect(() => {
    latest.current = hooks
  })
  useEffect(() => {
    if (!shared || !spec) return
    const registry = shared.hooks
    const entry: ControlHooks = {
      check: hooks.check && ((values) => latest.current.check?.(values) ?? null),
      placeServerErrors: hooks.placeServerErrors && ((messages) => latest.current.placeServerErrors?.(messages) ?? false),
    }
    registry.set(spec.name, entry)
    return () => {
      if (registry.get(spec.name) === entry) registry.delete(spec.name)
    }
    // The entry reads the latest hooks through the ref: it is set once per control.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shared?.hooks, spec?.name])
}
