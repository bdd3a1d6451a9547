'use server'

import { createAction, deleteAction, updateAction } from '@/lib/resource/action-factory'
import { installments } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createInstallmentAction = createAction(installments)
export const updateInstallmentAction = updateAction(installments)
export const deleteInstallmentAction = deleteAction(installments)
