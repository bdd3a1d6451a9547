import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>
type Json<T = unknown> = ColumnType<T, string, string>
/** numeric(14,2) money: read as an exact decimal string, written as a string. */
type Money = ColumnType<string, string, string>

export interface OrganizationTable {
  id: string
  name: string
  created_date: CreatedAt
}

export interface OmApiKeyTable {
  id: Generated<number>
  name: string
  key_hash: string
  prefix: string
  organization_id: string
  created_date: CreatedAt
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface OrderTable {
  seq: Generated<number>
  id: string
  number: string
  organization_id: string
  channel_id: number
  customer_uid: Generated<string>
  currency: Generated<string>
  total: Money
  created_at: Timestamp
}

export interface LedgerPaymentTable {
  id: Generated<number>
  payment_id: string
  amount: Money
  payment_method: 'credit_card' | 'mbway'
  status: 'success' | 'error' | 'settled'
  settled_at: Timestamp | null
  settled_amount: Money | null
  refunded_amount: ColumnType<string, string | undefined, string>
  currency: Generated<string>
  channel_id: number | null
  pos_id: number | null
  gateway_transaction_id: string | null
  error_code: string | null
  error_message: string | null
  additional_params: Json<Record<string, unknown>>
  created_via: Generated<string>
  created_by: Generated<string>
  created_at: Timestamp
  voided_at: Timestamp | null
}

export interface LedgerRefundTable {
  id: Generated<number>
  refund_id: string
  payment_id: number
  amount: Money
  gateway_transaction_id: string | null
  created_via: Generated<string>
  created_by: Generated<string>
  created_at: Timestamp
}

export interface OmPaymentTable {
  seq: Generated<number>
  id: string
  order_id: string
  type: 'receipt' | 'refund'
  status: 'pending' | 'complete' | 'reversed'
  custom: boolean
  amount: Money
  method_id: number | null
  source_payment_id: string | null
  customer_uid: string | null
  transaction_ref: string | null
  attrs: Json<Record<string, unknown>>
  invoice_id: string | null
  note: string | null
  ledger_payment_id: number | null
  ledger_refund_id: number | null
  completed_at: Timestamp | null
  reversed_at: Timestamp | null
  created_at: Timestamp
  created_via: string
  created_by: string
  updated_at: Timestamp
  updated_via: string
  updated_by: string
}

export interface IdempotencyKeyTable {
  scope: string
  owner: string
  key: string
  request_hash: string
  status: number | null
  body: string | null
  created_at: Timestamp
}
