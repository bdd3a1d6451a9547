'use client'

import { useMemo, useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import type { RecordActions } from '@/lib/resource/action-result'
import { formSchema, toFormValues, type FieldSpec, type FormValues, type Option } from '@/lib/console/field-spec'
import type { ColumnSpec, FilterSpec, ListState } from '@/lib/console/table-spec'
import { ConfirmDialog } from './confirm-dialog'
import { DataTable } from './data-table'
import { Modal } from './modal'
import { ResourceForm } from './resource-form'
import { useToast } from './toast'
import { useHydrated } from './use-hydrated'
import { KeptInput } from './kept-controls'
import { inSentence } from '@/lib/console/format'

type Row = Record<string, unknown>

export interface RelatedRecordsProps {
  resource: string
  /** The resource's own server actions, handed over by the page (move and bulkUpdate where offered). */
  actions: RecordActions
  title: string
  titlePlural: string
  fields: FieldSpec[]
  options: Record<string, Option[]>
  list: ListState
  columns: ColumnSpec[]
  filters?: FilterSpec[]
  paramPrefix: string
  /** The parent reference, fixed in the add/edit dialog (e.g. `{ bank: { value: 5, label: 'Akbank' } }`). */
  fixed: Record<string, { value: unknown; label: string }>
  readOnly: boolean
  channelName: string
  deleteVerb?: 'Delete' | 'Deactivate'
  /** Up/down arrows renumbering this integer field among the parent's records. */
  sortField?: string
  /** Activate/deactivate the selected rows through this boolean field. */
  toggleField?: string
  rowLabel?: string
  /** Columns edited in place (a card's installment label, rate and active flag), saved row by row. */
  inlineFields?: string[]
  heading?: string
}

/**
 * The records of a parent shown on the parent's page (a bank's accounts, a card's BIN numbers): a
 * table with its own URL state, add and edit in a dialog, delete or deactivate after confirmation,
 * optional reordering and bulk activation.
 */
export function RelatedRecords(props: RelatedRecordsProps) {
  const { resource, actions, title, titlePlural, fields, options, list, columns, filters, paramPrefix, fixed, readOnly, channelName, deleteVerb = 'Delete', sortField, toggleField, rowLabel = 'name', inlineFields = [], heading = titlePlural } = props
  const router = useRouter()
  const toast = useToast()
  const [editing, setEditing] = useState<Row | 'new' | null>(null)
  const [removing, setRemoving] = useState<Row | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const hydrated = useHydrated()
  const parentField = Object.keys(fixed)[0]
  const exportParams = Object.fromEntries(Object.entries(fixed).map(([name, entry]) => [name, String(entry.value)]))
  const label = (row: Row) => String(row[rowLabel] ?? row.slug ?? row.pk)

  const run = (work: () => Promise<{ ok: boolean; formError?: string | null; fieldErrors?: Record<string, string[]> }>, success: string) =>
    startTransition(async () => {
      const result = await work()
      if (!result.ok) {
        toast(result.formError ?? Object.values(result.fieldErrors ?? {}).flat().join(' '), 'error')
        return
      }
      toast(success)
      router.refresh()
    })

  const remove = () =>
    startTransition(async () => {
      if (!removing) return
      const result = await actions.delete(Number(removing.pk))
      if (!result.ok) {
        setRemoveError(result.formError ?? Object.values(result.fieldErrors).flat().join(' '))
        return
      }
      toast(`${title} ${deleteVerb === 'Delete' ? 'deleted' : 'deactivated'}.`)
      setRemoving(null)
      router.refresh()
    })

  const [drafts, setDrafts] = useState<Record<string, FormValues>>({})
  const [rowErrors, setRowErrors] = useState<Record<string, Record<string, string>>>({})
  const inlineSpecs = useMemo(() => fields.filter((spec) => inlineFields.includes(spec.name) && spec.writable), [fields, inlineFields])
  const inlineSchema = useMemo(() => formSchema(inlineSpecs), [inlineSpecs])
  const editInline = !readOnly && inlineSpecs.length > 0

  const draftOf = (row: Row): FormValues => drafts[String(row.pk)] ?? toFormValues(inlineSpecs, row)
  const dirty = (row: Row) => String(row.pk) in drafts
  const setDraft = (row: Row, name: string, value: string | boolean) =>
    setDrafts((current) => ({ ...current, [String(row.pk)]: { ...draftOf(row), ...current[String(row.pk)], [name]: value } }))
  const discard = (row: Row) => {
    setDrafts(({ [String(row.pk)]: _dropped, ...rest }) => rest)
    setRowErrors(({ [String(row.pk)]: _dropped, ...rest }) => rest)
  }

  const saveInline = (row: Row) =>
    startTransition(async () => {
      const key = String(row.pk)
      const parsed = inlineSchema.safeParse(draftOf(row))
      if (!parsed.success) {
        setRowErrors((current) => ({ ...current, [key]: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) }))
        return
      }
      const result = await actions.update(Number(row.pk), parsed.data)
      if (!result.ok) {
        setRowErrors((current) => ({ ...current, [key]: Object.fromEntries(Object.entries(result.fieldErrors).map(([name, messages]) => [name, messages.join(' ')])) }))
        if (result.formError) toast(result.formError, 'error')
        return
      }
      discard(row)
      toast(`${title} ${label(row)} saved.`)
      router.refresh()
    })

  const renderCell = (column: ColumnSpec, row: Row) => {
    if (!editInline) return undefined
    const spec = inlineSpecs.find((candidate) => candidate.name === column.id)
    if (!spec) return undefined
    const value = draftOf(row)[spec.name]
    const error = rowErrors[String(row.pk)]?.[spec.name]
    const name = `${spec.label} of ${label(row)}`
    if (spec.kind === 'boolean')
      return <KeptInput type="checkbox" className="inline-check" aria-label={name} checked={Boolean(value)} onChange={(event) => setDraft(row, spec.name, event.target.checked)} />
    return (
      <span className="inline-field">
        <KeptInput
          className="input input-inline"
          aria-label={name}
          aria-invalid={error ? true : undefined}
          inputMode={spec.kind === 'decimal' ? 'decimal' : undefined}
          value={String(value ?? '')}
          onChange={(event) => setDraft(row, spec.name, event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') saveInline(row)
            if (event.key === 'Escape') discard(row)
          }}
        />
        {error ? <span className="error">{error}</span> : null}
      </span>
    )
  }

  const lastIndex = list.rows.length - 1
  return (
    <section className="related" aria-labelledby={`${paramPrefix}heading`}>
      <div className="related-header">
        <h2 id={`${paramPrefix}heading`}>{heading}</h2>
        {!readOnly ? (
          <button type="button" className="btn btn-primary btn-sm" disabled={!hydrated} onClick={() => setEditing('new')}>
            Add {inSentence(title)}
          </button>
        ) : null}
      </div>
      <DataTable
        caption={heading}
        columns={columns}
        filters={filters}
        paramPrefix={paramPrefix}
        exportHref={`/export/${resource}`}
        exportParams={exportParams}
        rowLabel={rowLabel}
        empty={{ title: `No ${inSentence(titlePlural)} yet`, text: readOnly ? undefined : `Use “Add ${inSentence(title)}” to create one.` }}
        bulkActions={
          toggleField && actions.bulkUpdate && !readOnly
            ? (selected, clear) => (
                <>
                  {[true, false].map((value) => (
                    <button
                      key={String(value)}
                      type="button"
                      className="btn btn-sm"
                      disabled={pending}
                      onClick={() => {
                        run(() => actions.bulkUpdate!(selected.map((row) => Number(row.pk)), { [toggleField]: value }), `${selected.length} ${selected.length === 1 ? inSentence(title) : inSentence(titlePlural)} ${value ? 'activated' : 'deactivated'}.`)
                        clear()
                      }}
                    >
                      {value ? 'Activate selected' : 'Deactivate selected'}
                    </button>
                  ))}
                </>
              )
            : undefined
        }
        rowActions={
          readOnly
            ? undefined
            : (row) => {
                const index = list.rows.indexOf(row)
                return (
                  <span className="row-actions">
                    {editInline && dirty(row) ? (
                      <>
                        <button type="button" className="btn btn-sm btn-primary" disabled={pending} onClick={() => saveInline(row)} aria-label={`Save ${label(row)}`}>
                          Save
                        </button>
                        <button type="button" className="btn btn-sm btn-ghost" disabled={pending} onClick={() => discard(row)} aria-label={`Discard changes to ${label(row)}`}>
                          Discard
                        </button>
                      </>
                    ) : null}
                    {sortField && parentField && actions.move ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost btn-icon"
                          aria-label={`Move ${label(row)} up`}
                          disabled={pending || !hydrated || (index === 0 && list.page === 1)}
                          onClick={() => run(() => actions.move!(Number(row.pk), 'up'), `${label(row)} moved up.`)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost btn-icon"
                          aria-label={`Move ${label(row)} down`}
                          disabled={pending || !hydrated || (index === lastIndex && list.page * list.limit >= list.count)}
                          onClick={() => run(() => actions.move!(Number(row.pk), 'down'), `${label(row)} moved down.`)}
                        >
                          ↓
                        </button>
                      </>
                    ) : null}
                    <button type="button" className="btn btn-sm" disabled={!hydrated} onClick={() => setEditing(row)} aria-label={`Edit ${label(row)}`}>
                      Edit
                    </button>
                    {deleteVerb === 'Delete' || row.is_active !== false ? (
                      <button type="button" className="btn btn-sm btn-danger-outline" disabled={!hydrated} onClick={() => setRemoving(row)} aria-label={`${deleteVerb} ${label(row)}`}>
                        {deleteVerb}
                      </button>
                    ) : null}
                  </span>
                )
              }
        }
        renderCell={editInline ? renderCell : undefined}
        {...list}
      />
      {editing ? (
        <Modal wide title={editing === 'new' ? `Add ${inSentence(title)}` : `Edit ${inSentence(title)} ${label(editing)}`} onClose={() => setEditing(null)}>
          <ResourceForm
            actions={actions}
            title={title}
            fields={fields}
            record={editing === 'new' ? null : editing}
            options={options}
            channelName={channelName}
            readOnly={readOnly}
            listHref=""
            detailHref=""
            fixed={fixed}
            labelField={rowLabel}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null)
              router.refresh()
            }}
          />
        </Modal>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={`${deleteVerb} ${inSentence(title)} ${removing ? label(removing) : ''}?`}
        confirmLabel={deleteVerb}
        pending={pending}
        error={removeError}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(null)
          setRemoveError(null)
        }}
      >
        <p>{deleteVerb === 'Delete' ? 'This removes it for good.' : 'It stays listed as inactive and is no longer offered to shoppers.'}</p>
      </ConfirmDialog>
    </section>
  )
}
