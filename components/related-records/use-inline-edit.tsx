'use client'

import { useMemo, useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import type { RecordActions } from '@/lib/resource/action-result'
import { formSchema, toFormValues, type FieldSpec, type FormValues } from '@/lib/console/field-spec'
import type { ColumnSpec } from '@/lib/console/table-spec'
import { fieldErrorsOf } from '@/lib/resource/fields'
import { KeptInput } from '../kept-controls'
import { useToast } from '../toast'
import type { Row } from '../data-table'

const joined = (errors: Record<string, string[]>) => Object.fromEntries(Object.entries(errors).map(([name, messages]) => [name, messages.join(' ')]))

/**
 * Columns edited in place (a card's installment label, rate and active flag): a row's changes are a
 * draft until saved with its own Save (or Enter), checked with the form's rules, then by the server.
 */
export function useInlineEdit({ fields, inlineFields, enabled, update, title, label }: { fields: FieldSpec[]; inlineFields: string[]; enabled: boolean; update: RecordActions['update']; title: string; label: (row: Row) => string }) {
  const router = useRouter()
  const toast = useToast()
  const [pending, startTransition] = useTransition()
  const [drafts, setDrafts] = useState<Record<string, FormValues>>({})
  const [rowErrors, setRowErrors] = useState<Record<string, Record<string, string>>>({})
  const specs = useMemo(() => fields.filter((spec) => inlineFields.includes(spec.name) && spec.writable), [fields, inlineFields])
  const schema = useMemo(() => formSchema(specs), [specs])
  const active = enabled && specs.length > 0

  const draftOf = (row: Row): FormValues => drafts[String(row.pk)] ?? toFormValues(specs, row)
  const setDraft = (row: Row, name: string, value: string | boolean) =>
    setDrafts((current) => ({ ...current, [String(row.pk)]: { ...draftOf(row), ...current[String(row.pk)], [name]: value } }))
  const discard = (row: Row) => {
    setDrafts(({ [String(row.pk)]: _dropped, ...rest }) => rest)
    setRowErrors(({ [String(row.pk)]: _dropped, ...rest }) => rest)
  }

  const save = (row: Row) =>
    startTransition(async () => {
      const key = String(row.pk)
      const parsed = schema.safeParse(draftOf(row))
      if (!parsed.success) {
        setRowErrors((current) => ({ ...current, [key]: joined(fieldErrorsOf(parsed.error.issues)) }))
        return
      }
      const result = await update(Number(row.pk), parsed.data)
      if (!result.ok) {
        setRowErrors((current) => ({ ...current, [key]: joined(result.fieldErrors) }))
        if (result.formError) toast(result.formError, 'error')
        return
      }
      discard(row)
      toast(`${title} ${label(row)} saved.`)
      router.refresh()
    })

  const renderCell = (column: ColumnSpec, row: Row) => {
    const spec = specs.find((candidate) => candidate.name === column.id)
    if (!spec) return undefined
    const value = draftOf(row)[spec.name]
    const error = rowErrors[String(row.pk)]?.[spec.name]
    const name = `${spec.label} of ${label(row)}`
    if (spec.kind === 'boolean') return <KeptInput type="checkbox" className="inline-check" aria-label={name} checked={Boolean(value)} onChange={(event) => setDraft(row, spec.name, event.target.checked)} />
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
            if (event.key === 'Enter') save(row)
            if (event.key === 'Escape') discard(row)
          }}
        />
        {error ? <span className="error">{error}</span> : null}
      </span>
    )
  }

  return { active, pending, dirty: (row: Row) => String(row.pk) in drafts, save, discard, renderCell: active ? renderCell : undefined }
}
