'use client'

import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, useWatch, type Resolver, type UseFormRegisterReturn, type FieldErrors as FormErrors } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { RecordActions } from '@/lib/resource/action-result'
import { formSchema, toFormValues, type FieldSpec, type FormValues, type Option } from '@/lib/console/field-spec'
import { isHttpUrl } from '@/lib/resource/fields'
import { findGateway, validateGatewayConfig } from '@/lib/gateways/catalog'
import { configErrorsToForm, configToFormValues, formValuesToConfig, parseConfigErrorMessage } from '@/lib/console/gateway-form'
import { CurrencyPosEditor } from './currency-pos-editor'
import { TranslationsEditor } from './translations-editor'
import { GatewayConfigFields } from './gateway-config-fields'
import { ConfirmDialog } from './confirm-dialog'
import { FieldMessages } from './field-messages'
import { useHydrated } from './use-hydrated'
import { SecretInput } from './secret-input'
import { useToast } from './toast'
import { inSentence } from '@/lib/console/format'

export interface ResourceFormProps {
  /** The resource's own server actions (`createBankAction` …), handed over by the page. */
  actions: Pick<RecordActions, 'create' | 'update' | 'delete'>
  /** "Bank": used in buttons, toasts and the delete dialog. */
  title: string
  fields: FieldSpec[]
  /** The record being edited, as the API shows it; null on create. */
  record: Record<string, unknown> | null
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
  deleteVerb?: 'Delete' | 'Deactivate'
  /** Shown under the form's header, e.g. a link to related records. */
  children?: ReactNode
  /** Fields set by the page (a bank account's bank on its bank's page): shown read-only, sent on create. */
  fixed?: Record<string, { value: unknown; label: string }>
  /** Dialog use: called with the saved record instead of navigating; Cancel calls onCancel. */
  onDone?: (record: Record<string, unknown>) => void
  onCancel?: () => void
  /** The field that names a record in messages (a BIN number's digits); name or slug otherwise. */
  labelField?: string
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}

function hintFor(spec: FieldSpec): string | undefined {
  if (spec.jsonList) return `${spec.help ? `${spec.help} ` : ''}A JSON list, e.g. [{"currency": "USD", "cash_payment": 1, "installment_payment": 2}].`
  if (spec.help) return spec.help
  if (spec.kind === 'slug') return 'Letters, numbers, hyphens and underscores.'
  if (spec.kind === 'json') return 'A JSON object, e.g. {"key": "value"}.'
  if (spec.kind === 'decimal' && spec.decimalPlaces) return `Up to ${spec.decimalPlaces} decimal places.`
  return undefined
}

function FieldControl({
  spec,
  registration,
  errors,
  options,
  value,
  initial,
  idPrefix,
}: {
  idPrefix: string
  spec: FieldSpec
  registration: UseFormRegisterReturn
  errors: FormErrors<FormValues>
  options?: Option[]
  value: unknown
  /** The form's default for the field, rendered by the server so the page shows it before hydration. */
  initial: unknown
}) {
  const id = `${idPrefix}-${spec.name}`
  const error = errors[spec.name]?.message as string | undefined
  const hint = hintFor(spec)
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': spec.required || undefined }
  const defaultValue = typeof initial === 'string' ? initial : undefined
  const label = (
    <label htmlFor={id} className={spec.required ? 'is-required' : undefined}>
      {spec.label}
    </label>
  )
  const messages = <FieldMessages id={id} hint={hint} error={error} />

  if (spec.kind === 'boolean') {
    return (
      <div className="field field-checkbox">
        <label className="checkbox" htmlFor={id}>
          <input type="checkbox" defaultChecked={initial === true} {...common} {...registration} />
          {spec.label}
        </label>
        {messages}
      </div>
    )
  }

  let control: ReactNode
  if (spec.kind === 'choice' || spec.kind === 'fk') {
    const choices = spec.kind === 'choice' ? (spec.choices ?? []).map((choice) => ({ value: choice.value, label: choice.display_name })) : options ?? []
    control = (
      <select className="select" defaultValue={defaultValue} {...common} {...registration}>
        <option value="">{spec.required ? 'Select…' : 'None'}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    )
  } else if (spec.kind === 'json' || spec.widget === 'textarea') {
    control = <textarea className="textarea" rows={spec.kind === 'json' ? 6 : 3} spellCheck={false} defaultValue={defaultValue} {...common} {...registration} />
  } else if (spec.widget === 'secret') {
    control = <SecretInput label={spec.label} defaultValue={defaultValue} {...common} {...registration} />
  } else {
    const inputMode = spec.kind === 'integer' ? 'numeric' : spec.kind === 'decimal' ? 'decimal' : spec.kind === 'url' ? 'url' : undefined
    control = <input className="input" type="text" inputMode={inputMode} autoComplete="off" defaultValue={defaultValue} {...common} {...registration} />
    if (spec.widget === 'image-url') {
      const url = typeof value === 'string' ? value.trim() : ''
      control = (
        <div className="input-with-preview">
          {control}
          <div className="image-preview" aria-hidden>
            {/* eslint-disable-next-line @next/next/no-img-element -- arbitrary logo hosts */}
            {url && isHttpUrl(url) ? <img src={url} alt="" /> : <span className="faint">No logo</span>}
          </div>
        </div>
      )
    }
  }
  return (
    <div className={`field${spec.kind === 'json' || spec.widget === 'textarea' ? ' field-wide' : ''}`}>
      {label}
      {control}
      {messages}
    </div>
  )
}

const NO_FIXED: Record<string, { value: unknown; label: string }> = {}

/** An upload with a preview of the stored image or of the chosen file, and removal when the field allows it. */
function FileControl({
  spec,
  idPrefix,
  current,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec
  idPrefix: string
  current: unknown
  value: unknown
  error?: string
  onChange: (value: File | '' | undefined) => void
}) {
  const id = `${idPrefix}-${spec.name}`
  const [preview, setPreview] = useState<string | null>(null)
  useEffect(() => {
    if (!(value instanceof File)) return setPreview(null)
    const url = URL.createObjectURL(value)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [value])
  const removed = value === ''
  const shown = preview ?? (removed || !current ? null : String(current))
  const limit = spec.maxBytes ? `${Math.round(spec.maxBytes / 1024 / 1024) || 1} MB` : ''
  const hint = `${spec.image ? 'PNG, JPEG, GIF, WebP or SVG' : 'Any file'}${limit ? `, up to ${limit}` : ''}.`
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <div className="file-field">
        <div className="image-preview large" aria-hidden>
          {/* eslint-disable-next-line @next/next/no-img-element -- previews of uploads and stored media */}
          {shown ? <img src={shown} alt="" /> : <span className="faint">No {spec.label.toLowerCase()}</span>}
        </div>
        <div className="stack" style={{ gap: 6, minWidth: 0 }}>
          <input
            id={id}
            type="file"
            className="input file-input"
            accept={spec.image ? 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml' : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(event) => onChange(event.target.files?.[0] ?? undefined)}
          />
          {spec.nullable && (current || value instanceof File) && !removed ? (
            <button type="button" className="link-button" onClick={() => onChange('')}>
              Remove {spec.label.toLowerCase()}
            </button>
          ) : null}
          {removed ? <span className="hint">Removed when you save.</span> : null}
        </div>
      </div>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

/**
 * A resource's create/edit form, generated from its field description. Validation runs in the browser
 * with the resource's own field parsers (same messages as the API), then again on the server; rules
 * only the server can check (unique sets, channel rules) come back beside the field they concern.
 */
export function ResourceForm(props: ResourceFormProps) {
  const { actions, title, fields, record, options = {}, channelName, readOnly, readOnlyNote = 'You have read-only access: settings are shown but cannot be changed.', listHref, detailHref, deleteVerb = 'Delete', children, fixed = NO_FIXED, onDone, onCancel, labelField } = props
  const router = useRouter()
  const toast = useToast()
  const [formError, setFormError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [deleting, startDelete] = useTransition()
  const editable = useMemo(() => fields.filter((spec) => spec.writable && spec.name !== 'channel' && !(spec.name in fixed)), [fields, fixed])
  const schema = useMemo(() => formSchema(editable), [editable])
  const configSpec = editable.find((spec) => spec.widget === 'gateway-config')
  // What translations translate: an installment's label, a payment option's name.
  const translatedSpec = editable.find((spec) => spec.name === 'label') ?? editable.find((spec) => spec.name === 'name')
  const resolver = useMemo(() => {
    const base = zodResolver(schema) as unknown as Resolver<FormValues, unknown, Record<string, unknown>>
    if (!configSpec) return base
    // The config is checked against the gateway chosen in the same form, as the API checks it.
    const withConfig: Resolver<FormValues, unknown, Record<string, unknown>> = async (values, context, options) => {
      const result = await base(values, context, options)
      const gateway = findGateway(values.gateway)
      if (!gateway) return result
      const config = formValuesToConfig(gateway.config, values[configSpec.name], record?.gateway === gateway.path ? record?.[configSpec.name] : {})
      const check = validateGatewayConfig(gateway.path, config)
      if (!check.ok) return { values: {}, errors: { ...result.errors, [configSpec.name]: configErrorsToForm(check.errors) } } as never
      if (Object.keys(result.errors).length) return result
      return { values: { ...result.values, [configSpec.name]: config }, errors: {} }
    }
    return withConfig
  }, [schema, configSpec, record])
  const defaults = useMemo(() => toFormValues(editable, record), [editable, record])
  const form = useForm<FormValues, unknown, Record<string, unknown>>({
    defaultValues: defaults,
    resolver,
    mode: 'onTouched',
  })
  const { register, handleSubmit, setError, reset, formState, setValue, getFieldState, trigger } = form
  const watched = useWatch({ control: form.control }) as FormValues
  const hydrated = useHydrated()
  const creating = record === null
  const nameOf = (row: Record<string, unknown>) => String((labelField ? row[labelField] : undefined) ?? row.name ?? row.slug ?? `#${row.pk}`)
  // A dialog form may sit on a page that has a form of its own: ids must not collide.
  const idPrefix = onDone ? 'dialog-field' : 'field'
  const hasChannel = fields.some((spec) => spec.name === 'channel')
  const gateway = configSpec ? findGateway(watched?.gateway) : undefined
  const previousGateway = useRef(record?.gateway)
  useEffect(() => {
    // Another gateway means other settings: start from its defaults (the stored ones when switching back).
    if (!configSpec || previousGateway.current === watched?.gateway) return
    previousGateway.current = watched?.gateway
    const next = findGateway(watched?.gateway)
    setValue(configSpec.name, configToFormValues(next?.config ?? {}, next && record?.gateway === next.path ? record[configSpec.name] : {}))
  }, [configSpec, watched?.gateway, record, setValue])

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
    const unplaced: string[] = []
    for (const [name, messages] of Object.entries(result.fieldErrors)) {
      const nested = configSpec?.name === name ? parseConfigErrorMessage(messages.join(' ')) : null
      if (nested) {
        const place = (errors: typeof nested, at: string) => {
          for (const [key, value] of Object.entries(errors))
            if (Array.isArray(value)) setError(`${at}.${key}`, { type: 'server', message: value.join(' ') }, { shouldFocus: true })
            else place(value, `${at}.${key}`)
        }
        place(nested, name)
        continue
      }
      if (editable.some((spec) => spec.name === name)) setError(name, { type: 'server', message: messages.join(' ') }, { shouldFocus: true })
      else if (name !== 'channel' || !Object.keys(result.fieldErrors).some((other) => other !== 'channel')) unplaced.push(...messages)
    }
    if (result.formError) unplaced.unshift(result.formError)
    setFormError(unplaced.length ? [...new Set(unplaced)].join(' ') : null)
  })

  const onDelete = () =>
    startDelete(async () => {
      setDeleteError(null)
      const result = await actions.delete(Number(record!.pk))
      if (!result.ok) {
        setDeleteError(result.formError ?? Object.values(result.fieldErrors).flat().join(' '))
        return
      }
      setConfirming(false)
      toast(`${title} ${deleteVerb === 'Delete' ? 'deleted' : 'deactivated'}.`)
      router.push(listHref)
      router.refresh()
    })

  // New records get a slug from their name until the slug is edited by hand.
  const nameRegistration = register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (creating && editable.some((spec) => spec.name === 'slug') && !getFieldState('slug').isDirty) setValue('slug', slugify(event.target.value))
    },
  })
  useEffect(() => {
    // Fields typed or chosen before hydration were adopted quietly by react-hook-form: tell its
    // watchers (a chosen gateway's settings, a logo preview), and derive the slug as typing would have.
    const values = form.getValues()
    for (const spec of editable) if (values[spec.name] !== defaults[spec.name]) setValue(spec.name, values[spec.name], { shouldDirty: true })
    if (creating && typeof values.name === 'string' && values.name && editable.some((spec) => spec.name === 'slug') && !values.slug) setValue('slug', slugify(values.name))
    // Once, at mount: later changes arrive as events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const submitting = formState.isSubmitting
  const recordName = record ? nameOf(record) : ''

  return (
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
          spec.widget === 'gateway-config' ? (
            <fieldset key={spec.name} className="config-panel field-wide" aria-describedby={`${idPrefix}-${spec.name}-about`}>
              <legend>{gateway ? `${gateway.displayName} settings` : spec.label}</legend>
              <p className="hint" id={`${idPrefix}-${spec.name}-about`}>
                {gateway
                  ? `${gateway.description}${gateway.supportsLivePayments ? '' : ' Settings are kept; live payments need the provider’s network.'} Secrets are encrypted when stored.`
                  : 'Choose a gateway to see its settings.'}
              </p>
              {typeof formState.errors[spec.name]?.message === 'string' ? (
                <span className="error" role="alert">
                  {formState.errors[spec.name]?.message as string}
                </span>
              ) : null}
              {gateway ? <GatewayConfigFields fields={gateway.config} register={register} errors={formState.errors[spec.name] as never} path={spec.name} idPrefix={idPrefix} /> : null}
            </fieldset>
          ) : spec.widget === 'currency-pos' ? (
            <CurrencyPosEditor
              key={spec.name}
              id={`${idPrefix}-${spec.name}`}
              label={spec.label}
              value={String(watched?.[spec.name] ?? '')}
              options={options.cash_payment ?? []}
              disabled={readOnly || formState.isSubmitting}
              hint={spec.help}
              error={formState.errors[spec.name]?.message as string | undefined}
              onChange={(value) => setValue(spec.name, value, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
            />
          ) : spec.widget === 'translations' ? (
            <TranslationsEditor
              key={spec.name}
              id={`${idPrefix}-${spec.name}`}
              label={spec.label}
              textKey={translatedSpec?.name ?? 'name'}
              textLabel={translatedSpec?.label ?? 'Name'}
              value={String(watched?.[spec.name] ?? '')}
              disabled={readOnly || formState.isSubmitting}
              hint={spec.help}
              error={formState.errors[spec.name]?.message as string | undefined}
              onChange={(value) => setValue(spec.name, value, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
            />
          ) : spec.kind === 'file' ? (
            <FileControl
              key={spec.name}
              spec={spec}
              idPrefix={idPrefix}
              current={record?.[spec.name]}
              value={watched?.[spec.name]}
              error={formState.errors[spec.name]?.message as string | undefined}
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
        {Object.entries(fixed).map(([name, entry]) => (
          <div className="field" key={name}>
            <label htmlFor={`${idPrefix}-${name}`}>{fields.find((spec) => spec.name === name)?.label ?? name}</label>
            <input id={`${idPrefix}-${name}`} className="input" value={entry.label} readOnly />
          </div>
        ))}
        {hasChannel ? (
          <div className="field">
            <label htmlFor={`${idPrefix}-channel`}>Channel</label>
            <input id={`${idPrefix}-channel`} className="input" value={channelName ?? ''} readOnly aria-describedby={`${idPrefix}-channel-hint`} />
            <span className="hint" id={`${idPrefix}-channel-hint`}>
              {creating ? 'New records belong to the sales channel chosen at the top.' : 'A record cannot move to another channel.'}
            </span>
          </div>
        ) : null}
      </fieldset>
      {!readOnly ? (
        <div className="panel-footer">
          <div>
            {!creating && !onDone ? (
              <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} disabled={submitting || !hydrated}>
                {deleteVerb}
              </button>
            ) : null}
          </div>
          <div className="row">
            <button type="button" className="btn" onClick={() => (onCancel ? onCancel() : router.push(listHref))} disabled={submitting}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={submitting || !hydrated} aria-busy={submitting || undefined}>
              {submitting ? <span className="spinner" aria-hidden /> : null}
              {submitting ? 'Saving…' : creating ? `Create ${inSentence(title)}` : 'Save changes'}
            </button>
          </div>
        </div>
      ) : null}
      {!creating && !readOnly && !onDone ? (
        <ConfirmDialog
          open={confirming}
          title={`${deleteVerb} ${inSentence(title)} “${recordName}”?`}
          confirmLabel={deleteVerb}
          pending={deleting}
          error={deleteError}
          onConfirm={onDelete}
          onCancel={() => {
            setConfirming(false)
            setDeleteError(null)
          }}
        >
          <p>
            {deleteVerb === 'Delete'
              ? 'This removes it for good. Storefront payments that use it stop working at once.'
              : 'It stays in the list as inactive and is no longer offered to shoppers.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </form>
  )
}
