import type { Metadata } from 'next'
import { RelatedSection } from '@/components/related-section'
import { ResourceFormPage, pageId } from '@/components/resource-form-page'
import { bankAccounts } from '@/lib/bank-accounts/resource'
import { banks } from '@/lib/banks/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { createBankAction, deleteBankAction, updateBankAction } from '@/lib/banks/actions'
import { createBankAccountAction, deleteBankAccountAction, moveBankAccountAction, updateBankAccountAction } from '@/lib/bank-accounts/actions'

export const metadata: Metadata = { title: 'Bank' }

export default async function BankPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const [{ id }, query] = await Promise.all([params, searchParams])
  return (
    <ResourceFormPage
      resource={banks}
      actions={{ create: createBankAction, update: updateBankAction, delete: deleteBankAction }}
      id={pageId(id)}
      basePath={`${PAYMENT_MANAGEMENT}/banks`}
      widgets={{ logo: 'image-url' }}
      related={(bank) => (
        <RelatedSection
          resource={bankAccounts}
          actions={{ create: createBankAccountAction, update: updateBankAccountAction, delete: deleteBankAccountAction, move: moveBankAccountAction }}
          parent={{ field: 'bank', id: Number(bank.pk), label: String(bank.name) }}
          searchParams={query}
          prefix="accounts."
          columns={[
            { id: 'sort_order', header: 'Order' },
            'holder_name',
            { id: 'iban', kind: 'mono' },
            { id: 'slug', kind: 'mono' },
            { id: 'is_active', header: 'Active' },
            { id: 'description', hiddenByDefault: true },
            { id: 'modified_date', hiddenByDefault: true },
          ]}
          filters={[
            { param: 'iban', label: 'IBAN', type: 'text', placeholder: 'TR33 0006 …' },
            { param: 'id', label: 'Account ID', type: 'number' },
          ]}
          widgets={{ description: 'textarea' }}
          checks={{ iban: 'iban' }}
          deleteVerb="Deactivate"
          sortField="sort_order"
          rowLabel="iban"
        />
      )}
    />
  )
}
