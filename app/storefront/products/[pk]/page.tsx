import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { availableCards } from '@/lib/storefront/card-lookups'
import { findProduct, productView } from '@/lib/storefront/catalog'
import { formatMoney } from '@/lib/storefront/i18n'
import { shopPage } from '@/lib/storefront/page-context'
import { AddToBasket } from '../../_components/add-to-basket'
import { InstallmentTables } from '../../_components/installment-table'
import { withPageOrigin } from '../../_components/page-origin'

export const dynamic = 'force-dynamic'

async function load(pk: string) {
  if (!/^\d{1,9}$/.test(pk)) return null
  const context = await shopPage()
  const row = await findProduct(context.db, context.channelId, Number(pk))
  return row ? { context, row } : null
}

export async function generateMetadata({ params }: { params: Promise<{ pk: string }> }): Promise<Metadata> {
  const found = await load((await params).pk)
  return { title: found?.row.name ?? 'Not found' }
}

// The product page: the same card service as GET /payments/cards/product/{pk}/.
export default async function ProductPage({ params }: { params: Promise<{ pk: string }> }) {
  const found = await load((await params).pk)
  if (!found) notFound()
  const { context, row } = found
  const { db, channelId, language, t } = context
  const [product, cards] = await withPageOrigin(() => Promise.all([productView(row), availableCards(db, channelId, row.price, { language })]))
  return (
    <>
      <div className="shop-product-page">
        {product.image && <img src={product.image} alt={product.name} width={320} height={280} className="shop-product-image" />}
        <div>
          <h1>{product.name}</h1>
          <p className="shop-big-price">
            <span className="visually-hidden">{t.price}: </span>
            {formatMoney(product.price, product.currency, language)}
          </p>
          <AddToBasket productId={product.pk} language={language} />
        </div>
      </div>
      <section aria-labelledby="plans-heading" className="shop-section">
        <h2 id="plans-heading">{t.installmentsTitle}</h2>
        <p className="shop-intro">{t.installmentsIntro}</p>
        <InstallmentTables cards={cards.results} currency={product.currency} language={language} t={t} />
      </section>
    </>
  )
}
