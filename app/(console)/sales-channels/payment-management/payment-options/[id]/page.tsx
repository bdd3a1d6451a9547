import type { Metadata } from 'next'
import { TranslationsControl } from '@/components/controls/translations-control'
import { ResourceFormPage, pageId } from '@/components/resource-form-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { paymentOptions } from '@/lib/payment-options/resource'
import { createPaymentOptionAction, deletePaymentOptionAction, updatePaymentOptionAction } from '@/lib/payment-options/actions'

export const metadata: Metadata = { title: 'Payment option' }

export default async function PaymentOptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <ResourceFormPage resource={paymentOptions} actions={{ create: createPaymentOptionAction, update: updatePaymentOptionAction, delete: deletePaymentOptionAction }} id={pageId(id)} basePath={`${PAYMENT_MANAGEMENT}/payment-options`} controls={{ translations: <TranslationsControl translates="name" /> }} />
}
