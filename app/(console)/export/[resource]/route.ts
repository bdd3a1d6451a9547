import { getDb } from '@/db'
import { currentUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { csvLine } from '@/lib/console/csv'
import { channelScope, resolveReferences } from '@/lib/console/resource-view'
import { InvalidError } from '@/lib/http/errors'
import { sql } from 'kysely'
import { parseListQuery } from '@/lib/resource/list'
import type { DbRow } from '@/lib/resource/define'
import { findResource } from '@/lib/resource/registry'
import { serialize } from '@/lib/resource/serialize'

const BATCH = 500

// GET /export/<resource>?<list filters>: the console list of the current channel as CSV, streamed in batches.
export async function GET(request: Request, { params }: { params: Promise<{ resource: string }> }) {
  const user = await currentUser()
  if (!user) return Response.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 })
  const resource = findResource((await params).resource)
  if (!resource) return Response.json({ detail: 'Not found.' }, { status: 404 })
  const search = new URL(request.url).searchParams
  search.delete('channel')
  search.delete('page')
  search.set('limit', String(BATCH))
  let query
  try {
    query = parseListQuery(resource, search)
  } catch (error) {
    if (error instanceof InvalidError) return Response.json(error.body(), { status: 400 })
    throw error
  }
  const { channel } = await currentChannel()
  const scope = channelScope(resource, channel?.id)
  const db = await getDb()
  const names = Object.keys(resource.fields)
  // Each reference keeps its id (what an import or the API takes) and gets its name beside it for people.
  const columns = names.flatMap((name) => (resource.fields[name].kind === 'fk' ? [name, `${name}__display`] : [name]))
  const header = columns.map((column) => column.replace(/__display$/, '_name'))
  const encoder = new TextEncoder()
  let page = 1
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${header.join(',')}\r\n`))
    },
    async pull(controller) {
      // The list query without its count(*): an export reads every page and never needs the total.
      const where = [...scope, ...query.conditions]
      let rowsQuery = db.selectFrom(resource.table as never).selectAll() as any
      if (where.length) rowsQuery = rowsQuery.where((eb: any) => eb.and(where.map((condition) => condition(eb))))
      for (const { column, direction } of query.ordering) rowsQuery = rowsQuery.orderBy(sql.ref(column), direction)
      const rows = (await rowsQuery.limit(BATCH).offset((page - 1) * BATCH).execute()) as DbRow[]
      page += 1
      const views = rows.map((row) => {
        const view = serialize(resource, row)
        return resource.redact ? resource.redact(view) : view
      })
      const lines = (await resolveReferences(resource, views)).map((shown) => `${csvLine(columns.map((column) => shown[column]))}\r\n`)
      if (lines.length) controller.enqueue(encoder.encode(lines.join('')))
      if (rows.length < BATCH) controller.close()
    },
  })
  const stamp = new Date().toISOString().slice(0, 10)
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${resource.name}-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
