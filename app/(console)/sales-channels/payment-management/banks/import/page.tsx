import type { Metadata } from 'next'
import { ResourceImportPage } from '@/components/resource-import-page'
import { banks } from '@/lib/banks/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { importBankRowsAction } from '@/lib/banks/actions'

export const metadata: Metadata = { title: 'Import banks' }

export default function ImportBanksPage() {
  return <ResourceImportPage resource={banks} importRows={importBankRowsAction} basePath={`${PAYMENT_MANAGEMENT}/banks`} />
}
