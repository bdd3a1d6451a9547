import Link from 'next/link'
import { listProducts } from '@/lib/storefront/catalog'
import { formatMoney } from '@/lib/storefront/i18n'
import { shopPage } from '@/lib/storefront/page-context'
import { withPageOrigin } from './_components/page-origin'

export const dynamic = 'force-dynamic'

export default async function CatalogPage() {
  const { db, channelId, language, t } = await shopPage()
  const page = await withPageOrigin(() => listProducts(db, channelId, new URLSearchParams({ limit: '100' })))
  return (
    <>
      <h1>{t.catalogTitle}</h1>
      <p className="shop-intro">{t.catalogIntro}</p>
      <ul className="shop-grid" aria-label={t.catalogTitle}>
        {page.results.map((product) => (
          <li key={product.pk} className="shop-product">
            <Link href={`/storefront/products/${product.pk}`}>
              {product.image && <img src={product.image} alt="" width={320} height={280} />}
              <span className="shop-product-name">{product.name}</span>
            </Link>
            <span className="shop-price">{formatMoney(product.price, product.currency, language)}</span>
          </li>
        ))}
      </ul>
    </>
  )
}
