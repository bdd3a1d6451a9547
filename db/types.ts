import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type * as storefront from './tables/storefront'
import type { CheckoutAttemptTable, OrderLineTable } from './tables/checkout'
import type { LoginThrottleTable, SessionTable } from './tables/auth'
import type { IdempotencyKeyTable, LedgerPaymentTable, LedgerRefundTable, OmApiKeyTable, OmPaymentTable, OrderTable, OrganizationTable } from './tables/ledger'

/** Timestamps come back as the server's text (UTC, microseconds); we never round-trip them through Date. */
type Timestamp = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>
type Json<T = unknown> = ColumnType<T, string, string>
/** numeric columns are read as exact decimal strings and written as strings. */
type Decimal = ColumnType<string, string, string>

export interface ChannelTable {
  id: Generated<number>
  name: string
  slug: string
  /** The organization owning the channel (order management, db/migrations/0010). */
  organization_id: string | null
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface UserTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  role: 'admin' | 'viewer'
  created_date: CreatedAt
}

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  token_hash: string
  prefix: string
  user_id: number
  created_date: CreatedAt
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: CreatedAt
  user_id: number | null
  actor: string
  via: 'console' | 'api' | 'system'
  action: 'create' | 'update' | 'delete'
  resource: string
  record_id: number
  record_label: string
  channel_id: number | null
  changes: Json<Record<string, { before: unknown; after: unknown }>>
}

export interface LoginAttemptTable {
  id: Generated<number>
  key: string
  at: CreatedAt
}

export interface PosTable {
  id: Generated<number>
  name: string
  slug: string
  gateway: string
  config: Json<Record<string, unknown>>
  resource_url: string
  three_d_resource_url: string | null
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface BankTable {
  id: Generated<number>
  name: string
  slug: string
  logo: string | null
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface CardTypeTable {
  id: Generated<number>
  name: string
  slug: string
  logo: string | null
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface CardTable {
  id: Generated<number>
  name: string
  slug: string
  bank_id: number
  card_type_id: number
  card_payment_type: 'credit' | 'debit'
  cash_payment_id: number
  installment_payment_id: number
  three_d_payment_id: number | null
  is_commerce_card: boolean
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface MultiCurrencyCardTable {
  id: Generated<number>
  card_id: number
  currency: string
  cash_payment_id: number
  installment_payment_id: number
  three_d_payment_id: number | null
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface BinNumberTable {
  id: Generated<number>
  bin_number: string
  bin_number_length: ColumnType<number, never, never>
  card_id: number
  is_active: boolean
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface InstallmentTable {
  id: Generated<number>
  card_id: number
  installment_count: number
  label: string
  interest_rate: Decimal
  is_active: boolean
  config: Json<Record<string, unknown>>
  translations: Json<Record<string, unknown> | null>
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface BankAccountTable {
  id: Generated<number>
  bank_id: number
  slug: string
  holder_name: string
  iban: string
  is_active: boolean
  sort_order: number
  description: string
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

export interface PaymentOptionTable {
  id: Generated<number>
  name: string
  slug: string
  payment_type: string
  sort_order: number
  is_active: boolean
  config: Json<Record<string, unknown>>
  translations: Json<Record<string, unknown> | null>
  channel_id: number
  created_date: CreatedAt
  modified_date: Timestamp
}

/** Progress of a streamed CSV import (db/migrations/0003-import-jobs.ts). */
export interface ImportJobTable {
  id: string
  kind: 'bin_numbers'
  card_id: number | null
  channel_id: number | null
  user_id: number | null
  processed: Generated<number>
  created: Generated<number>
  existing: Generated<number>
  invalid: Generated<number>
  done: Generated<boolean>
  error: string | null
  created_date: CreatedAt
  modified_date: Timestamp
  /** The server running the import renews this while it works; a stale one means that server stopped (0007). */
  heartbeat_at: Timestamp
  owner: string | null
}

/** Exact row counts per table and channel, kept by triggers (db/migrations/0004-row-counts.ts). */
export interface RowCountTable {
  table_name: string
  channel_id: number
  n: number
  /** Moved forward by every statement that changes these rows (migration 0013): equal versions, equal rows. */
  version: Generated<number>
}

/** Rows per value of a reference column (the BINs of each card), kept by triggers as `row_counts` (migration 0015). */
export interface ReferenceCountTable {
  table_name: string
  column_name: string
  value: number
  n: number
  version: Generated<number>
}

/** One row per statement that changed a storefront working-set table (migration 0014); the weights' sum is their version. */
export interface SettingsChangeTable {
  id: Generated<number>
  weight: number
}

export interface Database {
  channels: ChannelTable
  users: UserTable
  api_tokens: ApiTokenTable
  audit_log: AuditLogTable
  login_attempts: LoginAttemptTable
  sessions: SessionTable
  login_throttle: LoginThrottleTable
  pos: PosTable
  banks: BankTable
  card_types: CardTypeTable
  cards: CardTable
  multi_currency_cards: MultiCurrencyCardTable
  bin_numbers: BinNumberTable
  installments: InstallmentTable
  bank_accounts: BankAccountTable
  payment_options: PaymentOptionTable
  import_jobs: ImportJobTable
  row_counts: RowCountTable
  reference_counts: ReferenceCountTable
  settings_changes: SettingsChangeTable
  // storefront (issue 10)
  shoppers: storefront.ShopperTable
  products: storefront.ProductTable
  baskets: storefront.BasketTable
  basket_items: storefront.BasketItemTable
  pre_orders: storefront.PreOrderTable
  card_stagings: storefront.CardStagingTable
  otp_codes: storefront.OtpCodeTable
  otp_sends: storefront.OtpSendTable
  saved_cards: storefront.SavedCardTable
  sms_outbox: storefront.SmsOutboxTable
  // order management and the gateway ledger (db/tables/ledger.ts)
  organizations: OrganizationTable
  om_api_keys: OmApiKeyTable
  orders: OrderTable
  om_payments: OmPaymentTable
  ledger_payments: LedgerPaymentTable
  ledger_refunds: LedgerRefundTable
  idempotency_keys: IdempotencyKeyTable
  // the demo checkout (db/tables/checkout.ts)
  order_lines: OrderLineTable
  checkout_attempts: CheckoutAttemptTable
}

export type Row<T extends keyof Database> = Selectable<Database[T]>
export type NewRow<T extends keyof Database> = Insertable<Database[T]>
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>
