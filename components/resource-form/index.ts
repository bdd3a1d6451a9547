// `@/components/resource-form` keeps meaning the form; controls handed in by pages use its context.
export { ResourceForm, type ResourceFormProps } from './resource-form'
export { useControlHooks, useFormControl, type FieldCheck } from './form-control-context'
