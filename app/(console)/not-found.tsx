import Link from 'next/link'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'

export default function ConsoleNotFound() {
  return (
    <div className="panel">
      <div className="empty-state">
        <h1>Not found</h1>
        <p>This record does not exist, or it was deleted.</p>
        <Link className="btn" href={`${PAYMENT_MANAGEMENT}/banks`}>
          Back to the console
        </Link>
      </div>
    </div>
  )
}
