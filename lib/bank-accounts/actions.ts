'use server'

import { createAction, deleteAction, updateAction, moveAction } from '@/lib/resource/action-factory'
import { bankAccounts } from './resource'

// The console's actions on this resource, made by the generic factory; the pages hand them to forms and tables.
export const createBankAccountAction = createAction(bankAccounts)
export const updateBankAccountAction = updateAction(bankAccounts)
export const deleteBankAccountAction = deleteAction(bankAccounts)
export const moveBankAccountAction = moveAction(bankAccounts, 'sort_order', 'bank')
