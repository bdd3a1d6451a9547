import type { FieldSpec } from '@/lib/console/field-spec'

export type Fixed = Record<string, { value: unknown; label: string }>

/**
 * Fields the form shows but does not edit: those set by the page (a bank account's bank on its bank's
 * page) and the record's channel, which is the console's current one and never changes.
 */
export function FixedFields({ fields, fixed, idPrefix, channelName, creating }: { fields: FieldSpec[]; fixed: Fixed; idPrefix: string; channelName?: string; creating: boolean }) {
  return (
    <>
      {Object.entries(fixed).map(([name, entry]) => (
        <div className="field" key={name}>
          <label htmlFor={`${idPrefix}-${name}`}>{fields.find((spec) => spec.name === name)?.label ?? name}</label>
          <input id={`${idPrefix}-${name}`} className="input" value={entry.label} readOnly />
        </div>
      ))}
      {fields.some((spec) => spec.name === 'channel') ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-channel`}>Channel</label>
          <input id={`${idPrefix}-channel`} className="input" value={channelName ?? ''} readOnly aria-describedby={`${idPrefix}-channel-hint`} />
          <span className="hint" id={`${idPrefix}-channel-hint`}>
            {creating ? 'New records belong to the sales channel chosen at the top.' : 'A record cannot move to another channel.'}
          </span>
        </div>
      ) : null}
    </>
  )
}
