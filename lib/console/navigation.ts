export const PAYMENT_MANAGEMENT = '/sales-channels/payment-management'

/** The side menu: Sales Channels › Payment Management, as in Omnitron. */
export const paymentManagementLinks = [
  { href: `${PAYMENT_MANAGEMENT}/pos`, label: 'POS Integrations' },
  { href: `${PAYMENT_MANAGEMENT}/banks`, label: 'Banks' },
  { href: `${PAYMENT_MANAGEMENT}/card-types`, label: 'Card Types' },
  { href: `${PAYMENT_MANAGEMENT}/cards`, label: 'Card Settings' },
  { href: `${PAYMENT_MANAGEMENT}/payment-options`, label: 'Payment Options' },
  { href: `${PAYMENT_MANAGEMENT}/installment-preview`, label: 'Installment Preview' },
]

/** Money that moved: the gateway ledger and the payments of orders. */
export const paymentsLinks = [
  { href: '/transactions', label: 'Transactions' },
  { href: '/order-payments', label: 'Order Payments' },
]

export const settingsLinks = [
  { href: '/api-tokens', label: 'API Tokens' },
  { href: '/accounts', label: 'Users' },
  { href: '/audit-log', label: 'Audit Log' },
  { href: '/sms-outbox', label: 'SMS Outbox' },
  { href: '/api/docs', label: 'API Reference' },
]

/** The side menu's name of a list page ("Card Settings" for cards), for breadcrumbs back to it. */
export function listLabelOf(basePath: string, fallback: string): string {
  return paymentManagementLinks.find((link) => link.href === basePath)?.label ?? fallback
}
