import type { Kysely } from 'kysely'
import { readRows } from '@/db/connection'
import { KeptStatements } from '@/db/kept-statements'
import type { Database } from '@/db/types'
import { InvalidError, NotFoundError } from '@/lib/http/errors'
import { pageLinks } from '@/lib/resource/list'
import { absoluteAssetUrl } from './assets'

/** The demo shop's products: `GET /products/` (a DRF page) and `GET /products/{pk}/`. */
export interface ProductView {
  pk: number
  name: string
  sku: string
  price: string
  currency: string
  image: string | null
}

type ProductRow = { id: number; name: string; sku: string; price: string; currency: string; image: string | null }

export function productView(row: ProductRow): ProductView {
  return { pk: row.id, name: row.name, sku: row.sku, price: row.price, currency: row.currency, image: absoluteAssetUrl(row.image) }
}

const PRODUCT_COLUMNS = ['id', 'name', 'sku', 'price', 'currency', 'image'] as const

/** findProduct's statement, compiled once: every card lookup of a product page reads its product. */
const productStatements = new KeptStatements(1)

export async function findProduct(db: Kysely<Database>, channelId: number, productId: number): Promise<ProductRow | undefined> {
  const statement = productStatements.statement('by-id', [productId, channelId], () =>
    db.selectFrom('products').select(PRODUCT_COLUMNS).where('id', '=', productId).where('channel_id', '=', channelId).compile(),
  )
  return (await readRows<ProductRow>(db, statement, { prepared: true }))[0]
}

export async function getProduct(db: Kysely<Database>, channelId: number, productId: number): Promise<ProductView> {
  const row = await findProduct(db, channelId, productId)
  if (!row) throw new NotFoundError()
  return productView(row)
}

function positive(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new InvalidError({ [name]: ['A valid integer is required.'] })
  return Math.min(Number(raw), max)
}

export async function listProducts(db: Kysely<Database>, channelId: number, params: URLSearchParams, requestUrl?: string) {
  const page = positive(params, 'page', 1, 100000)
  const limit = positive(params, 'limit', 20, 100)
  const [rows, count] = await Promise.all([
    db.selectFrom('products').select(PRODUCT_COLUMNS).where('channel_id', '=', channelId).orderBy('id').limit(limit).offset((page - 1) * limit).execute(),
    db.selectFrom('products').select(db.fn.countAll<number>().as('n')).where('channel_id', '=', channelId).executeTakeFirstOrThrow(),
  ])
  const total = Number(count.n)
  if (page > 1 && rows.length === 0) throw new NotFoundError('Invalid page.')
  return { count: total, ...pageLinks(requestUrl, page, limit, total), results: rows.map(productView) }
}
