import type { Metadata } from 'next'
import { TranslationsControl } from '@/components/controls/translations-control'
import { ResourceFormPage } from '@/components/resource-form-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { paymentOptions } from '@/lib/payment-options/resource'
import { createPaymentOptionAction, deletePaymentOptionAction, updatePaymentOptionAction } from '@/lib/payment-options/actions'

export const metadata: Metadata = { title: 'New payment option' }

export default function NewPaymentOptionPage() {
  return <ResourceFormPage resource={paymentOptions} actions={{ create: createPaymentOptionAction, update: updatePaymentOptionAction, delete: deletePaymentOptionAction }} id={null} basePath={`${PAYMENT_MANAGEMENT}/payment-options`} controls={{ translations: <TranslationsControl translates="name" /> }} />
}
