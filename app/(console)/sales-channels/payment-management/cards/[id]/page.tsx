import type { Metadata } from 'next'
import { BinImport } from '@/components/bin-import'
import { CurrencyPosControl } from '@/components/controls/currency-pos-control'
import { TranslationsControl } from '@/components/controls/translations-control'
import { RelatedSection } from '@/components/related-section'
import { ResourceFormPage, pageId } from '@/components/resource-form-page'
import { binNumbers } from '@/lib/bin-numbers/resource'
import { cards } from '@/lib/cards/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { installments } from '@/lib/installments/resource'
import { requirePageUser } from '@/lib/auth/current'
import { createInstallmentAction, deleteInstallmentAction, updateInstallmentAction } from '@/lib/installments/actions'
import { createCardAction, deleteCardAction, updateCardAction } from '@/lib/cards/actions'
import { bulkUpdateBinNumbersAction, createBinNumberAction, deleteBinNumberAction, updateBinNumberAction } from '@/lib/bin-numbers/actions'

export const metadata: Metadata = { title: 'Card' }

export default async function CardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const [{ id }, query, user] = await Promise.all([params, searchParams, requirePageUser()])
  return (
    <ResourceFormPage
      resource={cards}
      actions={{ create: createCardAction, update: updateCardAction, delete: deleteCardAction }}
      id={pageId(id)}
      basePath={`${PAYMENT_MANAGEMENT}/cards`}
      controls={{ currency_pos: <CurrencyPosControl optionsOf="cash_payment" /> }}
      related={(card) => {
        const parent = { field: 'card', id: Number(card.pk), label: String(card.name) }
        return (
          <>
            <RelatedSection
              resource={binNumbers}
              actions={{ create: createBinNumberAction, update: updateBinNumberAction, delete: deleteBinNumberAction, bulkUpdate: bulkUpdateBinNumbersAction }}
              parent={parent}
              searchParams={query}
              prefix="bins."
              columns={[
                { id: 'bin_number', header: 'BIN', kind: 'mono' },
                { id: 'bin_number_length', header: 'Digits' },
                { id: 'is_active', header: 'Active' },
                'modified_date',
              ]}
              filters={[
                { param: 'bin_number', label: 'BIN number', type: 'text' },
                { param: 'bin_number_length', label: 'Digits', type: 'select', options: [{ value: '6', label: '6 digits' }, { value: '8', label: '8 digits' }] },
                { param: 'is_active', label: 'Active', type: 'boolean' },
              ]}
              toggleField="is_active"
              rowLabel="bin_number"
            />
            {user.role === 'admin' && <BinImport cardId={Number(card.pk)} />}
            <RelatedSection
              resource={installments}
              actions={{ create: createInstallmentAction, update: updateInstallmentAction, delete: deleteInstallmentAction }}
              parent={parent}
              searchParams={query}
              prefix="rates."
              columns={[
                { id: 'installment_count', header: 'Installments' },
                'label',
                { id: 'interest_rate', header: 'Interest rate (%)' },
                { id: 'is_active', header: 'Active' },
                { id: 'config', hiddenByDefault: true, sortable: false },
                { id: 'modified_date', hiddenByDefault: true },
              ]}
              filters={[{ param: 'is_active', label: 'Active', type: 'boolean' }]}
              inlineFields={['label', 'interest_rate', 'is_active']}
              controls={{ translations: <TranslationsControl translates="label" /> }}
              rowLabel="installment_count"
              title="Term commission rates"
            />
          </>
        )
      }}
    />
  )
}
