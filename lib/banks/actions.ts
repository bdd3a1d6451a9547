'use server'

import { createAction, deleteAction, updateAction, importRowsAction } from '@/lib/resource/action-factory'
import { banks } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createBankAction = createAction(banks)
export const updateBankAction = updateAction(banks)
export const deleteBankAction = deleteAction(banks)
export const importBankRowsAction = importRowsAction(banks)
