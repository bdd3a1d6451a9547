import type { Metadata } from 'next'
import { ResourceFormPage } from '@/components/resource-form-page'
import { banks } from '@/lib/banks/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { createBankAction, deleteBankAction, updateBankAction } from '@/lib/banks/actions'

export const metadata: Metadata = { title: 'New bank' }

export default function NewBankPage() {
  return <ResourceFormPage resource={banks} actions={{ create: createBankAction, update: updateBankAction, delete: deleteBankAction }} id={null} basePath={`${PAYMENT_MANAGEMENT}/banks`} widgets={{ logo: 'image-url' }} />
}
