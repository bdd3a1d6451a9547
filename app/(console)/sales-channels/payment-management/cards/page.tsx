import type { Metadata } from 'next'
import { ResourceListPage } from '@/components/resource-list-page'
import { cards } from '@/lib/cards/resource'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'

export const metadata: Metadata = { title: 'Card Settings' }

export default async function CardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <ResourceListPage
      resource={cards}
      searchParams={await searchParams}
      basePath={`${PAYMENT_MANAGEMENT}/cards`}
      title="Card Settings"
      description="Cards of each bank and card type, the POS that take their payments, their BIN numbers and their installment rates."
      columns={[
        { id: 'name', kind: 'link', href: `${PAYMENT_MANAGEMENT}/cards/{pk}` },
        'bank',
        'card_type',
        'card_payment_type',
        'is_commerce_card',
        'cash_payment',
        { id: 'installment_payment', hiddenByDefault: true },
        { id: 'three_d_payment', hiddenByDefault: true },
        { id: 'slug', kind: 'mono', hiddenByDefault: true },
        { id: 'pk', header: 'ID', hiddenByDefault: true },
        'modified_date',
      ]}
      filters={[
        { param: 'name__icontains', label: 'Name', type: 'text', placeholder: 'Search cards' },
        { param: 'bank', label: 'Bank', type: 'select' },
        { param: 'card_type', label: 'Card type', type: 'select' },
        { param: 'card_payment_type', label: 'Payment type', type: 'select', options: cards.fields.card_payment_type.choices!.map((choice) => ({ value: choice.value, label: choice.display_name })) },
        { param: 'is_commerce_card', label: 'Commercial card', type: 'boolean' },
        { param: 'cash_payment', label: 'Single Payment POS', type: 'select' },
        { param: 'installment_payment', label: 'Installments POS', type: 'select' },
        { param: 'three_d_payment', label: '3D POS', type: 'select' },
        { param: 'slug', label: 'Slug (exact)', type: 'text' },
      ]}
    />
  )
}
