'use server'

import { createAction, deleteAction, updateAction, bulkUpdateAction } from '@/lib/resource/action-factory'
import { binNumbers } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createBinNumberAction = createAction(binNumbers)
export const updateBinNumberAction = updateAction(binNumbers)
export const deleteBinNumberAction = deleteAction(binNumbers)
export const bulkUpdateBinNumbersAction = bulkUpdateAction(binNumbers)
