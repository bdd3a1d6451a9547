import type { Metadata } from 'next'
import { CurrencyPosControl } from '@/components/controls/currency-pos-control'
import { ResourceFormPage } from '@/components/resource-form-page'
import { cards } from '@/lib/cards/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { createCardAction, deleteCardAction, updateCardAction } from '@/lib/cards/actions'

export const metadata: Metadata = { title: 'New card' }

export default function NewCardPage() {
  return <ResourceFormPage resource={cards} actions={{ create: createCardAction, update: updateCardAction, delete: deleteCardAction }} id={null} basePath={`${PAYMENT_MANAGEMENT}/cards`} controls={{ currency_pos: <CurrencyPosControl optionsOf="cash_payment" /> }} />
}
