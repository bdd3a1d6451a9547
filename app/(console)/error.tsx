'use client'

import { PageFailure } from '@/components/page-failure'

/** A console page failed on the server: say so inside the layout, and offer to try again (re-fetched). */
export default function ConsoleError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <PageFailure {...props} />
}
