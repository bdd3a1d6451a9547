'use client'

import { PageFailure } from '@/components/page-failure'

/**
 * A layout failed on the server (the console's loads the user and the channels: during a database
 * outage that is where a page fails first), so there is no sidebar to show the message in.
 */
export default function RootError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="content" style={{ maxWidth: 720, margin: '48px auto' }}>
      <PageFailure {...props} />
    </main>
  )
}
