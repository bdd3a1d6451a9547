import { bankAccounts } from '@/lib/bank-accounts/resource'
import { banks } from '@/lib/banks/resource'
import { binNumbers } from '@/lib/bin-numbers/resource'
import { cardTypes } from '@/lib/card-types/resource'
import { cards } from '@/lib/cards/resource'
import { installments } from '@/lib/installments/resource'
import { paymentOptions } from '@/lib/payment-options/resource'
import { pos } from '@/lib/pos/resource'
import type { Resource } from './define'

/** Every /api/v1 resource by URL name: the console actions, exports and the OpenAPI document read this. */
export const resources: Record<string, Resource> = {
  pos,
  banks,
  bank_accounts: bankAccounts,
  card_types: cardTypes,
  cards,
  bin_numbers: binNumbers,
  installments,
  payment_options: paymentOptions,
}

export function findResource(name: string): Resource | undefined {
  return Object.hasOwn(resources, name) ? resources[name] : undefined
}

/** Whether a description is the registered one (pages check that what they show is in the registry). */
export function isRegistered(resource: Resource): boolean {
  return Object.values(resources).includes(resource)
}

let scopedTables: ReadonlySet<string> | undefined

/** Tables whose records belong to a sales channel, derived from the descriptions. */
export function channelTables(): ReadonlySet<string> {
  scopedTables ??= new Set(Object.values(resources).filter((resource) => resource.channelScoped).map((resource) => resource.table))
  return scopedTables
}
