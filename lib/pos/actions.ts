'use server'

import { createAction, deleteAction, updateAction } from '@/lib/resource/action-factory'
import { pos } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createPosAction = createAction(pos)
export const updatePosAction = updateAction(pos)
export const deletePosAction = deleteAction(pos)
