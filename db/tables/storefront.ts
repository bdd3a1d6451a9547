import type { ColumnType, Generated } from 'kysely'

/** Tables of db/migrations/0008-storefront.ts. */
type Timestamp = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>
/** numeric columns are read as exact decimal strings and written as strings. */
type Decimal = ColumnType<string, string, string>

export interface ShopperTable {
  id: Generated<number>
  email: string
  name: string
  phone: string
  password_hash: string
  created_date: CreatedAt
}

export interface ProductTable {
  id: Generated<number>
  channel_id: number
  name: string
  sku: string
  price: Decimal
  currency: string
  image: string | null
  created_date: CreatedAt
}

export interface BasketTable {
  id: Generated<number>
  channel_id: number
  shopper_id: number | null
  currency: string
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface BasketItemTable {
  id: Generated<number>
  basket_id: number
  product_id: number
  quantity: number
  created_date: CreatedAt
}

export interface PreOrderTable {
  id: Generated<number>
  basket_id: number
  basket_total: Decimal
  shipping_amount: Decimal
  total_amount: Decimal
  currency: string
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface CardStagingTable {
  shopper_id: number
  sealed_card: string
  expires_at: string
}

export interface OtpCodeTable {
  shopper_id: number
  phone_number: string
  code_hash: string
  attempts: Generated<number>
  sent_at: Timestamp
  expires_at: string
  used_at: string | null
  voided_at: string | null
}

export interface OtpSendTable {
  id: Generated<number>
  phone_number: string
  sent_at: CreatedAt
}

export interface SavedCardTable {
  id: Generated<number>
  shopper_id: number
  pos_id: number
  name: string
  token: string
  masked_card_number: string
  fingerprint: string
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface SmsOutboxTable {
  id: Generated<number>
  phone_number: string
  body: string
  created_date: CreatedAt
}
