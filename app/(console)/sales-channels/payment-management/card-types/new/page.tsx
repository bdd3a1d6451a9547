import type { Metadata } from 'next'
import { ResourceFormPage } from '@/components/resource-form-page'
import { cardTypes } from '@/lib/card-types/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { createCardTypeAction, deleteCardTypeAction, updateCardTypeAction } from '@/lib/card-types/actions'

export const metadata: Metadata = { title: 'New card type' }

export default function NewCardTypePage() {
  return <ResourceFormPage resource={cardTypes} actions={{ create: createCardTypeAction, update: updateCardTypeAction, delete: deleteCardTypeAction }} id={null} basePath={`${PAYMENT_MANAGEMENT}/card-types`} />
}
