import type { ColumnType, Generated } from 'kysely'

/** Tables of db/migrations/0012-checkout.ts. */
type Timestamp = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>
/** numeric(14,2): read as exact decimal text, written as text. */
type Money = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string, string>

export interface OrderLineTable {
  id: Generated<number>
  order_id: string
  kind: 'product' | 'shipping' | 'installment_interest'
  product_id: number | null
  name: string
  quantity: number
  unit_price: Money
  amount: Money
}

/** One product line of the basket as it was charged (no card data). */
export interface ChargedLine {
  product_id: number
  name: string
  quantity: number
  unit_price: string
  amount: string
}

export type CheckoutAttemptStatus = 'processing' | 'awaiting_3d' | 'succeeded' | 'declined' | 'abandoned'

export interface CheckoutAttemptTable {
  id: Generated<number>
  attempt_key: string
  pre_order_id: number
  basket_id: number
  shopper_id: number | null
  channel_id: number
  status: CheckoutAttemptStatus
  amount: Money
  base_amount: Money
  currency: string
  installment_count: number
  monthly_amount: Money
  card_id: number | null
  pos_id: number | null
  pos_slug: string
  masked_number: string
  holder: Generated<string>
  expiry_month: number | null
  expiry_year: number | null
  saved_card_id: number | null
  save_requested: Generated<boolean>
  lines: Json<ChargedLine[]>
  gateway_transaction_id: string | null
  error_code: string | null
  error_message: string | null
  order_id: string | null
  ledger_payment_id: number | null
  created_at: CreatedAt
  updated_at: Timestamp
  expires_at: string | null
}
