'use client'

import { useState, useTransition, type ReactNode } from 'react'
import { useRouter } from 'next/navigation'
import type { RecordActions } from '@/lib/resource/action-result'
import type { FieldSpec, Option } from '@/lib/console/field-spec'
import type { ColumnSpec, FilterSpec, ListState } from '@/lib/console/table-spec'
import { inSentence } from '@/lib/console/format'
import { failureMessage } from '../action-message'
import { ConfirmDialog } from '../confirm-dialog'
import { DataTable, type Row } from '../data-table'
import { Modal } from '../modal'
import { ResourceForm } from '../resource-form'
import { useToast } from '../toast'
import { useHydrated } from '../use-hydrated'
import { RelatedRowActions } from './related-row-actions'
import { useInlineEdit } from './use-inline-edit'

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
  /** Controls replacing fields' generated ones in the add/edit dialog (see ResourceForm). */
  controls?: Record<string, ReactNode>
}

const NO_INLINE: string[] = []

/**
 * The records of a parent shown on the parent's page (a bank's accounts, a card's BIN numbers): a
 * table with its own URL state, add and edit in a dialog, delete or deactivate after confirmation,
 * optional reordering and bulk activation.
 */
export function RelatedRecords(props: RelatedRecordsProps) {
  const { resource, actions, title, titlePlural, fields, options, list, columns, filters, paramPrefix, fixed, readOnly, channelName, deleteVerb = 'Delete', sortField, toggleField, rowLabel = 'name', inlineFields = NO_INLINE, heading = titlePlural, controls } = props
  const router = useRouter()
  const toast = useToast()
  const [editing, setEditing] = useState<Row | 'new' | null>(null)
  const [removing, setRemoving] = useState<Row | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [running, startTransition] = useTransition()
  const hydrated = useHydrated()
  const parentField = Object.keys(fixed)[0]
  const exportParams = Object.fromEntries(Object.entries(fixed).map(([name, entry]) => [name, String(entry.value)]))
  const label = (row: Row) => String(row[rowLabel] ?? row.slug ?? row.pk)
  const inline = useInlineEdit({ fields, inlineFields, enabled: !readOnly, update: actions.update, title, label })
  const pending = running || inline.pending

  const run = (work: () => Promise<{ ok: boolean; formError?: string | null; fieldErrors?: Record<string, string[]> }>, success: string) =>
    startTransition(async () => {
      const result = await work()
      if (!result.ok) {
        toast(failureMessage(result), 'error')
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
        setRemoveError(failureMessage(result))
        return
      }
      toast(`${title} ${deleteVerb === 'Delete' ? 'deleted' : 'deactivated'}.`)
      setRemoving(null)
      router.refresh()
    })

  const { move, bulkUpdate } = actions
  const lastIndex = list.rows.length - 1
  const bulkActions =
    toggleField && bulkUpdate && !readOnly
      ? (selected: Row[], clear: () => void) =>
          [true, false].map((value) => (
            <button
              key={String(value)}
              type="button"
              className="btn btn-sm"
              disabled={pending}
              onClick={() => {
                run(() => bulkUpdate(selected.map((row) => Number(row.pk)), { [toggleField]: value }), `${selected.length} ${selected.length === 1 ? inSentence(title) : inSentence(titlePlural)} ${value ? 'activated' : 'deactivated'}.`)
                clear()
              }}
            >
              {value ? 'Activate selected' : 'Deactivate selected'}
            </button>
          ))
      : undefined

  const rowActions = (row: Row) => {
    const index = list.rows.indexOf(row)
    return (
      <RelatedRowActions
        name={label(row)}
        busy={pending}
        hydrated={hydrated}
        draft={inline.active && inline.dirty(row) ? { onSave: () => inline.save(row), onDiscard: () => inline.discard(row) } : undefined}
        move={
          sortField && parentField && move
            ? {
                canUp: !(index === 0 && list.page === 1),
                canDown: !(index === lastIndex && list.page * list.limit >= list.count),
                onMove: (direction) => run(() => move(Number(row.pk), direction), `${label(row)} moved ${direction}.`),
              }
            : undefined
        }
        onEdit={() => setEditing(row)}
        remove={deleteVerb === 'Delete' || row.is_active !== false ? { verb: deleteVerb, onRemove: () => setRemoving(row) } : undefined}
      />
    )
  }

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
        bulkActions={bulkActions}
        rowActions={readOnly ? undefined : rowActions}
        renderCell={inline.renderCell}
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
            controls={controls}
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
