'use client'

import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { RecordActions } from '@/lib/resource/action-result'
import { formSchema, toFormValues, type FieldSpec, type FormValues, type Option } from '@/lib/console/field-spec'
import { useToast } from '../toast'
import { FieldControl } from './field-control'
import { FileControl } from './file-control'
import { FixedFields, type Fixed } from './fixed-fields'
import { ControlSlot, ResourceFormProvider, type ControlHooks, type Row } from './form-control-context'
import { ResourceFormFooter, type DeleteVerb } from './resource-form-footer'
import { placeServerErrors } from './server-errors'
import { slugify } from './slugify'

export interface ResourceFormProps {
  /** The resource's own server actions (`createBankAction` …), handed over by the page. */
  actions: Pick<RecordActions, 'create' | 'update' | 'delete'>
  /** "Bank": used in buttons, toasts and the delete dialog. */
  title: string
  fields: FieldSpec[]
  /** The record being edited, as the API shows it; null on create. */
  record: Row | null
  /** Choices of reference selects, read by the server page from the current channel. */
  options?: Record<string, Option[]>
  channelName?: string
  readOnly: boolean
  /** The note shown on a read-only form; null shows none (the page explains it). */
  readOnlyNote?: string | null
  listHref: string
  /** Where a created record opens: a path with `{pk}`. */
  detailHref: string
  /** Deleting a bank account deactivates it; the button and dialog say so. */
  deleteVerb?: DeleteVerb
  /** Shown under the form's header, e.g. a link to related records. */
  children?: ReactNode
  /** Fields set by the page (a bank account's bank on its bank's page): shown read-only, sent on create. */
  fixed?: Fixed
  /**
   * Controls that replace a field's generated one, rendered by the page (a POS's gateway settings, a
   * card's currency POS). They reach the form through `useFormControl`, and may add their own check.
   */
  controls?: Record<string, ReactNode>
  /** Dialog use: called with the saved record instead of navigating; Cancel calls onCancel. */
  onDone?: (record: Row) => void
  onCancel?: () => void
  /** The field that names a record in messages (a BIN number's digits); name or slug otherwise. */
  labelField?: string
}

const NO_FIXED: Fixed = {}
const NO_CONTROLS: Record<string, ReactNode> = {}
type Result = Awaited<ReturnType<Resolver<FormValues, unknown, Record<string, unknown>>>>

/**
 * A resource's create/edit form, generated from its field description. Validation runs in the browser
 * with the resource's own field parsers (same messages as the API), then again on the server; rules
 * only the server can check (unique sets, channel rules) come back beside the field they concern.
 */
export function ResourceForm(props: ResourceFormProps) {
  const { actions, title, fields, record, options = {}, channelName, readOnly, readOnlyNote = 'You have read-only access: settings are shown but cannot be changed.', listHref, detailHref, deleteVerb = 'Delete', children, fixed = NO_FIXED, controls = NO_CONTROLS, onDone, onCancel, labelField } = props
  const router = useRouter()
  const toast = useToast()
  const [formError, setFormError] = useState<string | null>(null)
  const editable = useMemo(() => fields.filter((spec) => spec.writable && spec.name !== 'channel' && !(spec.name in fixed)), [fields, fixed])
  const schema = useMemo(() => formSchema(editable), [editable])
  // Checks and error placements of the page's controls, added while they are shown.
  const [hooks] = useState(() => new Map<string, ControlHooks>())
  const resolver = useMemo(() => {
    const base = zodResolver(schema) as unknown as Resolver<FormValues, unknown, Record<string, unknown>>
    const withControls: Resolver<FormValues, unknown, Record<string, unknown>> = async (values, context, options) => {
      const result = await base(values, context, options)
      const errors: Record<string, unknown> = { ...result.errors }
      const checked: Record<string, unknown> = {}
      for (const [name, hook] of hooks) {
        const outcome = hook.check?.(values)
        if (!outcome) continue
        if ('errors' in outcome) errors[name] = outcome.errors
        else checked[name] = outcome.value
      }
      if (Object.keys(errors).length) return { values: {}, errors: errors as FieldErrors<FormValues> } satisfies Result
      return { values: { ...result.values, ...checked }, errors: {} }
    }
    return withControls
  }, [schema, hooks])
  const defaults = useMemo(() => toFormValues(editable, record), [editable, record])
  const form = useForm<FormValues, unknown, Record<string, unknown>>({
    defaultValues: defaults,
    resolver,
    mode: 'onTouched',
  })
  const { register, handleSubmit, setError, reset, formState, setValue, getFieldState, trigger } = form
  const watched = useWatch({ control: form.control }) as FormValues
  const creating = record === null
  const nameOf = (row: Row) => String((labelField ? row[labelField] : undefined) ?? row.name ?? row.slug ?? `#${row.pk}`)
  // A dialog form may sit on a page that has a form of its own: ids must not collide.
  const idPrefix = onDone ? 'dialog-field' : 'field'
  const derivesSlug = creating && editable.some((spec) => spec.name === 'slug')

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null)
    const fixedValues = Object.fromEntries(Object.entries(fixed).map(([name, entry]) => [name, entry.value]))
    const result = creating ? await actions.create({ ...values, ...fixedValues }) : await actions.update(Number(record.pk), values)
    if (result.ok) {
      toast(`${title} “${nameOf(result.record)}” saved.`)
      if (onDone) onDone(result.record)
      else if (creating) router.push(detailHref.replace('{pk}', String(result.record.pk)))
      else {
        reset(toFormValues(editable, result.record))
        router.refresh()
      }
      return
    }
    const place = (name: string, message: string) => setError(name, { type: 'server', message }, { shouldFocus: true })
    setFormError(placeServerErrors(result, new Set(editable.map((spec) => spec.name)), (name) => hooks.get(name)?.placeServerErrors, place))
  })

  // New records get a slug from their name until the slug is edited by hand.
  const nameRegistration = register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (derivesSlug && !getFieldState('slug').isDirty) setValue('slug', slugify(event.target.value))
    },
  })
  useEffect(() => {
    // Fields typed or chosen before hydration were adopted quietly by react-hook-form: tell its
    // watchers (a control's dependent settings, a logo preview), and derive the slug as typing would have.
    const values = form.getValues()
    for (const spec of editable) if (values[spec.name] !== defaults[spec.name]) setValue(spec.name, values[spec.name], { shouldDirty: true })
    if (derivesSlug && typeof values.name === 'string' && values.name && !values.slug) setValue('slug', slugify(values.name))
    // Once, at mount: later changes arrive as events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const submitting = formState.isSubmitting
  const fieldError = (name: string) => formState.errors[name]?.message as string | undefined

  return (
    <ResourceFormProvider value={{ form, fields, record, options, idPrefix, readOnly, hooks }}>
      <form className={onDone ? 'resource-form in-dialog' : 'panel resource-form'} onSubmit={onSubmit} noValidate>
        {children}
        {/* Fields take input from the moment they are shown: what is typed before hydration is kept
            (react-hook-form adopts a field whose value differs from its server-rendered default). Only the
            buttons wait for hydration, so the form is never submitted natively before it can be checked. */}
        <fieldset disabled={readOnly || submitting} className="panel-body form-grid">
          {readOnly && readOnlyNote ? (
            <p className="notice field-wide" role="note">
              {readOnlyNote}
            </p>
          ) : null}
          {formError ? (
            <div className="form-error field-wide" role="alert">
              {formError}
            </div>
          ) : null}
          {editable.map((spec) =>
            spec.name in controls ? (
              <ControlSlot key={spec.name} spec={spec}>
                {controls[spec.name]}
              </ControlSlot>
            ) : spec.kind === 'file' ? (
              <FileControl
                key={spec.name}
                spec={spec}
                idPrefix={idPrefix}
                current={record?.[spec.name]}
                value={watched?.[spec.name]}
                error={fieldError(spec.name)}
                onChange={(value) => setValue(spec.name, value, { shouldDirty: true, shouldValidate: true })}
              />
            ) : (
              <FieldControl
                key={spec.name}
                idPrefix={idPrefix}
                spec={spec}
                registration={
                  spec.name === 'name' && creating
                    ? nameRegistration
                    : // Fields with a rule of their own (an IBAN) are checked as the user types.
                      register(spec.name, spec.check ? { onChange: () => trigger(spec.name) } : undefined)
                }
                errors={formState.errors}
                options={options[spec.name]}
                value={watched?.[spec.name]}
                initial={defaults[spec.name]}
              />
            ),
          )}
          <FixedFields fields={fields} fixed={fixed} idPrefix={idPrefix} channelName={channelName} creating={creating} />
        </fieldset>
        {!readOnly ? (
          <ResourceFormFooter
            title={title}
            creating={creating}
            submitting={submitting}
            onCancel={() => (onCancel ? onCancel() : router.push(listHref))}
            remove={!creating && !onDone ? { pk: Number(record.pk), name: nameOf(record), verb: deleteVerb, action: actions.delete, listHref } : undefined}
          />
        ) : null}
      </form>
    </ResourceFormProvider>
  )
}
