import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { currentUser } from '@/lib/auth/current'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: 'Sign in' }

export default async function LoginPage() {
  if (await currentUser()) redirect('/sales-channels/payment-management/pos')
  return (
    <main className="login-page">
      <div className="panel login-card">
        <div className="panel-body stack">
          <div className="brand" style={{ color: 'var(--text)', padding: 0 }}>
            <span className="brand-mark">₺</span> Payment Management
          </div>
          <div>
            <h1>Sign in</h1>
            <p className="muted" style={{ margin: '4px 0 0' }}>Manage POS integrations, banks, cards and payment options.</p>
          </div>
          <LoginForm />
        </div>
      </div>
    </main>
  )
}
