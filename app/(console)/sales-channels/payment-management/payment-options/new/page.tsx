import type { Metadata } from 'next'
import { ResourceFormPage } from '@/components/resource-form-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { paymentOptions } from '@/lib/payment-options/resource'

export const metadata: Metadata = { title: 'New payment option' }

export default function NewPaymentOptionPage() {
  return <ResourceFormPage resource={paymentOptions} id={null} basePath={`${PAYMENT_MANAGEMENT}/payment-options`} widgets={{ translations: 'translations' }} />
}
