import { KeptTextarea } from './kept-controls'

/** The hint and the error under a form control; their ids are what the control's aria-describedby names. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </>
  )
}

/** What a structured editor of a JSON field's text takes; its value stays the text the field's parser reads. */
export interface JsonEditorProps {
  id: string
  label: string
  value: string
  disabled: boolean
  hint?: string
  error?: string
  onChange: (value: string) => void
}

/**
 * The plain JSON text area a structured editor (per-currency POS, translations) falls back to when the
 * stored value has a shape it does not know, so nothing is hidden or lost.
 */
export function JsonTextFallback({ id, label, value, disabled, hint, error, onChange }: JsonEditorProps) {
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <KeptTextarea
        id={id}
        className="textarea"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') : undefined}
      />
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}
