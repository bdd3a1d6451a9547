'use server'

import { createAction, deleteAction, updateAction } from '@/lib/resource/action-factory'
import { cards } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createCardAction = createAction(cards)
export const updateCardAction = updateAction(cards)
export const deleteCardAction = deleteAction(cards)
