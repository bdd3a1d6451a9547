'use server'

import { createAction, deleteAction, updateAction } from '@/lib/resource/action-factory'
import { paymentOptions } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createPaymentOptionAction = createAction(paymentOptions)
export const updatePaymentOptionAction = updateAction(paymentOptions)
export const deletePaymentOptionAction = deleteAction(paymentOptions)
