'use server'

import { createAction, deleteAction, updateAction } from '@/lib/resource/action-factory'
import { cardTypes } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createCardTypeAction = createAction(cardTypes)
export const updateCardTypeAction = updateAction(cardTypes)
export const deleteCardTypeAction = deleteAction(cardTypes)
