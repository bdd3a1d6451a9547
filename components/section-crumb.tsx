'use client'

import { usePathname } from 'next/navigation'
import { PAYMENT_MANAGEMENT, paymentManagementLinks, paymentsLinks, settingsLinks } from '@/lib/console/navigation'

/** The top bar's "where am I": the menu section and page of the current path. */
export function SectionCrumb() {
  const pathname = usePathname()
  const inPayments = pathname.startsWith(PAYMENT_MANAGEMENT)
  const inMoney = paymentsLinks.some((link) => pathname === link.href || pathname.startsWith(`${link.href}/`))
  const links = inPayments ? paymentManagementLinks : inMoney ? paymentsLinks : settingsLinks
  const page = links.find((link) => pathname === link.href || pathname.startsWith(`${link.href}/`))
  const trail = inPayments ? ['Sales Channels', 'Payment Management'] : inMoney ? ['Payments'] : ['Settings']
  return (
    <div className="breadcrumbs">
      {[...trail, ...(page ? [page.label] : [])].map((step, index) => (
        <span key={step} className="crumb">
          {index > 0 ? <span className="crumb-separator"> › </span> : null}
          {step}
        </span>
      ))}
    </div>
  )
}
