'use client'

import { useMemo } from 'react'
import { FieldMessages, JsonTextFallback, type JsonEditorProps } from './field-messages'
import { KeptInput, KeptSelect } from './kept-controls'

/** Languages a Turkish merchant's storefronts usually speak; any other code already stored is kept and shown. */
const LANGUAGES: [string, string][] = [
  ['tr', 'Turkish'],
  ['en', 'English'],
  ['de', 'German'],
  ['ar', 'Arabic'],
  ['ru', 'Russian'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['nl', 'Dutch'],
  ['az', 'Azerbaijani'],
  ['ka', 'Georgian'],
  ['ro', 'Romanian'],
  ['bg', 'Bulgarian'],
  ['el', 'Greek'],
  ['uk', 'Ukrainian'],
]
const NAMES = new Map(LANGUAGES)
const nameOf = (code: string) => NAMES.get(code) ?? code

type Entry = { language: string; texts: Record<string, unknown> }

/** `{language: {key: text}}` as rows, or null when the text is something else (then it is edited as JSON). */
function parse(text: string): Entry[] | null {
  if (!text.trim()) return []
  try {
    const value = JSON.parse(text)
    if (value === null) return []
    if (typeof value !== 'object' || Array.isArray(value)) return null
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.some(([, texts]) => typeof texts !== 'object' || texts === null || Array.isArray(texts))) return null
    return entries.map(([language, texts]) => ({ language, texts: texts as Record<string, unknown> }))
  } catch {
    return null
  }
}

/**
 * A record's translations (`{"tr": {"label": "3 Taksit"}}`) as one row per language: the language and
 * the translated text of `textKey`. Other keys a language may hold are kept as they are. The value stays
 * the JSON text the field's parser reads, so the browser and the server check exactly what the API would.
 */
export function TranslationsEditor({
  id,
  label,
  textKey,
  textLabel,
  value,
  disabled,
  error,
  hint,
  onChange,
}: JsonEditorProps & { textKey: string; textLabel: string }) {
  const entries = useMemo(() => parse(value), [value])
  if (entries === null) return <JsonTextFallback id={id} label={label} value={value} disabled={disabled} hint={hint} error={error} onChange={onChange} />
  const write = (next: Entry[]) => onChange(next.length ? JSON.stringify(Object.fromEntries(next.map((entry) => [entry.language, entry.texts]))) : '')
  const used = new Set(entries.map((entry) => entry.language))
  const unused = LANGUAGES.filter(([code]) => !used.has(code))
  return (
    <fieldset className="field field-wide currency-pos" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} disabled={disabled}>
      <legend className="label">{label}</legend>
      {entries.length ? (
        <div className="translation-rows">
          {entries.map((entry, index) => (
            <div className="translation-row" key={entry.language}>
              <KeptSelect
                className="select select-sm"
                aria-label={`Language of translation ${index + 1}`}
                value={entry.language}
                onChange={(event) => write(entries.map((other, at) => (at === index ? { ...other, language: event.target.value } : other)))}
              >
                {[[entry.language, nameOf(entry.language)] as [string, string], ...unused].map(([code, name]) => (
                  <option key={code} value={code}>
                    {name} ({code})
                  </option>
                ))}
              </KeptSelect>
              <KeptInput
                className="input"
                aria-label={`${textLabel} in ${nameOf(entry.language)}`}
                value={typeof entry.texts[textKey] === 'string' ? String(entry.texts[textKey]) : ''}
                onChange={(event) => write(entries.map((other, at) => (at === index ? { ...other, texts: { ...other.texts, [textKey]: event.target.value } } : other)))}
              />
              <button type="button" className="btn btn-sm btn-ghost" aria-label={`Remove ${nameOf(entry.language)}`} onClick={() => write(entries.filter((_, at) => at !== index))}>
                Remove
              </button>
            </div>
          ))}
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          No translations: every language shows the {textLabel.toLowerCase()} above.
        </p>
      )}
      {unused.length ? (
        <div>
          <button type="button" className="btn btn-sm" onClick={() => write([...entries, { language: unused[0][0], texts: { [textKey]: '' } }])}>
            Add language
          </button>
        </div>
      ) : null}
      <FieldMessages id={id} hint={hint} error={error} />
    </fieldset>
  )
}
