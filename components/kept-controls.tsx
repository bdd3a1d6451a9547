'use client'

import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ChangeEvent, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

/** What a control holds now: a checkbox's state as "true"/"false", any other control's value. */
function liveValue(element: Control): string {
  return element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio') ? String(element.checked) : element.value
}

/**
 * Server-rendered controls take input before React hydrates them. React keeps what the page holds
 * when it hydrates, but a controlled control's state does not know it, and the next render would write
 * the state back over it. Once mounted, the control hands what it holds to its own onChange, as if the
 * user had typed it then; a control first rendered in the browser holds its state and nothing happens.
 */
function useKeptControl<T extends Control>(rendered: string, onChange: ((event: ChangeEvent<T>) => void) | undefined, shownFirst?: (element: T) => string) {
  const ref = useRef<T>(null)
  useEffect(() => {
    const element = ref.current
    if (!element || !onChange) return
    const live = liveValue(element)
    if (live !== rendered && (!shownFirst || live !== shownFirst(element))) onChange({ target: element, currentTarget: element } as ChangeEvent<T>)
    // Only what the page held when it hydrated is adopted; later changes arrive as events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return ref
}

const shown = (value: unknown, fallback: unknown) => String(value ?? fallback ?? '')

/** An `<input>` with an onChange that also receives what was typed into it before hydration. */
export const KeptInput = forwardRef<HTMLInputElement | null, InputHTMLAttributes<HTMLInputElement>>(function KeptInput(props, forwarded) {
  const checkable = props.type === 'checkbox' || props.type === 'radio'
  const ref = useKeptControl<HTMLInputElement>(checkable ? String(Boolean(props.checked ?? props.defaultChecked)) : shown(props.value, props.defaultValue), props.onChange)
  useImperativeHandle(forwarded, () => ref.current as HTMLInputElement)
  return <input ref={ref} {...props} />
})

/**
 * What a select showed before anyone touched it: the option the server marked selected, or the first
 * when its value is none of the options (a hand-edited URL's `?status=bogus` shows "All"; that is not
 * a choice to adopt, or the page would silently drop the value it should report as invalid).
 */
function firstShown(select: HTMLSelectElement): string {
  const options = Array.from(select.options)
  return (options.find((option) => option.defaultSelected) ?? options[0])?.value ?? ''
}

/**
 * A `<select>` with an onChange that also receives a choice made before hydration.
 *
 * A controlled select whose value comes back later (a choice that navigates, and the URL's value arrives
 * with the next page) shows the choice meanwhile, until its value prop changes. Without that, any render
 * in between (the navigation's pending state) wrote the old value back into the element; a choice made
 * during hydration was then adopted from the `input` event and undone by the `change` event that follows
 * it, which read the old value back and asked to navigate there (reproduced with Chromium's CPU slowed 8×).
 */
export function KeptSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const { onChange } = props
  const [chosen, setChosen] = useState<{ value: string; over: unknown } | null>(null)
  const controlled = props.value !== undefined
  const handleChange = onChange
    ? (event: ChangeEvent<HTMLSelectElement>) => {
        if (controlled) setChosen({ value: event.target.value, over: props.value })
        onChange(event)
      }
    : undefined
  const ref = useKeptControl<HTMLSelectElement>(shown(props.value, props.defaultValue), handleChange, firstShown)
  // Once the value prop moves, the choice is over: it must not show again if the prop comes back later.
  const showing = chosen && Object.is(chosen.over, props.value) ? chosen : null
  if (chosen && !showing) setChosen(null)
  return <select ref={ref} {...props} value={showing ? showing.value : props.value} onChange={handleChange} />
}

/** A `<textarea>` with an onChange that also receives what was typed into it before hydration. */
export function KeptTextarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ref = useKeptControl<HTMLTextAreaElement>(shown(props.value, props.defaultValue), props.onChange)
  return <textarea ref={ref} {...props} />
}
