'use client'

import { useEffect, useRef } from 'react'
import { useWatch, type FieldErrors } from 'react-hook-form'
import { findGateway, validateGatewayConfig } from '@/lib/gateways/catalog'
import { configErrorsToForm, configToFormValues, formValuesToConfig, parseConfigErrorMessage } from '@/lib/console/gateway-form'
import type { FormValues } from '@/lib/console/field-spec'
import { useControlHooks, useFormControl } from '../resource-form'
import { GatewayConfigFields } from '../gateway-config-fields'

/**
 * A POS's gateway settings: the inputs the gateway chosen in `gatewayField` declares, checked against
 * that gateway as the API checks them, with the server's nested errors shown beside each input.
 */
export function GatewayConfigControl({ gatewayField = 'gateway' }: { gatewayField?: string }) {
  const { form, spec, idPrefix, record, errors, error } = useFormControl()
  // The whole form is watched, not the one field: a gateway chosen before hydration is already the form's
  // value when the form adopts it, so no change of that field is announced, only of the form.
  const chosen = (useWatch({ control: form.control }) as FormValues)[gatewayField] as string | undefined
  const gateway = findGateway(chosen)
  // The stored settings belong to the stored gateway only.
  const storedFor = (path: string) => (record?.[gatewayField] === path ? record?.[spec.name] : {})

  const previous = useRef(record?.[gatewayField])
  useEffect(() => {
    // Another gateway means other settings: start from its defaults (the stored ones when switching back).
    if (previous.current === chosen) return
    previous.current = chosen
    const next = findGateway(chosen)
    form.setValue(spec.name, configToFormValues(next?.config ?? {}, next && record?.[gatewayField] === next.path ? record[spec.name] : {}))
  }, [chosen, form, spec.name, record, gatewayField])

  useControlHooks({
    check: (values) => {
      const selected = findGateway(values[gatewayField])
      if (!selected) return null
      const config = formValuesToConfig(selected.config, values[spec.name], storedFor(selected.path))
      const result = validateGatewayConfig(selected.path, config)
      return result.ok ? { value: config } : { errors: configErrorsToForm(result.errors) }
    },
    placeServerErrors: (messages) => {
      const nested = parseConfigErrorMessage(messages.join(' '))
      if (!nested) return false
      const place = (at: string, tree: typeof nested) => {
        for (const [key, value] of Object.entries(tree))
          if (Array.isArray(value)) form.setError(`${at}.${key}`, { type: 'server', message: value.join(' ') }, { shouldFocus: true })
          else place(`${at}.${key}`, value)
      }
      place(spec.name, nested)
      return true
    },
  })

  return (
    <fieldset className="config-panel field-wide" aria-describedby={`${idPrefix}-${spec.name}-about`}>
      <legend>{gateway ? `${gateway.displayName} settings` : spec.label}</legend>
      <p className="hint" id={`${idPrefix}-${spec.name}-about`}>
        {gateway
          ? `${gateway.description}${gateway.supportsLivePayments ? '' : ' Settings are kept; live payments need the provider’s network.'} Secrets are encrypted when stored.`
          : 'Choose a gateway to see its settings.'}
      </p>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
      {gateway ? <GatewayConfigFields fields={gateway.config} register={form.register} errors={errors as FieldErrors<FormValues> | undefined} path={spec.name} idPrefix={idPrefix} /> : null}
    </fieldset>
  )
}
