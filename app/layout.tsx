import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { ToastProvider } from '@/components/toast'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Payment Management', template: '%s · Payment Management' },
  description: 'Sales channels payment settings: POS integrations, banks, cards, installments and payment options.',
  icons: { icon: { url: '/favicon.svg', type: 'image/svg+xml' } },
  robots: { index: false, follow: false },
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  )
}
