import { getDb } from '@/db'
import { currentUser } from '@/lib/auth/current'
import { csvLine } from '@/lib/console/csv'
import { consoleFilters, EXPORT_HEADER, exportRows } from '@/lib/ledger/console'

// GET /transactions/export?<filters>: the Transactions table's filter as CSV, streamed (masked card numbers only).
export async function GET(request: Request) {
  const user = await currentUser()
  if (!user) return Response.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 })
  const { filters, error } = consoleFilters(Object.fromEntries(new URL(request.url).searchParams))
  if (error) return Response.json({ detail: error }, { status: 400 })
  const rows = exportRows(await getDb(), filters)
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${csvLine(EXPORT_HEADER)}\r\n`))
    },
    async pull(controller) {
      const next = await rows.next()
      if (next.done) return controller.close()
      controller.enqueue(encoder.encode(next.value.map((cells) => `${csvLine(cells)}\r\n`).join('')))
    },
    async cancel() {
      await rows.return(undefined)
    },
  })
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="transactions.csv"', 'cache-control': 'no-store' },
  })
}
