import type { Metadata } from 'next'
import { ResourceFormPage, pageId } from '@/components/resource-form-page'
import { cardTypes } from '@/lib/card-types/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { createCardTypeAction, deleteCardTypeAction, updateCardTypeAction } from '@/lib/card-types/actions'

export const metadata: Metadata = { title: 'Card type' }

export default async function CardTypePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <ResourceFormPage resource={cardTypes} actions={{ create: createCardTypeAction, update: updateCardTypeAction, delete: deleteCardTypeAction }} id={pageId(id)} basePath={`${PAYMENT_MANAGEMENT}/card-types`} />
}
