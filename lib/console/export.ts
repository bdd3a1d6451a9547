import 'server-only'
import { csvLine } from '@/lib/console/csv'
import type { Db, Resource } from '@/lib/resource/define'
import { listRows, parseListQuery } from '@/lib/resource/list'
import { channelScope, resolveReferences } from '@/lib/resource/references'
import { serialize } from '@/lib/resource/serialize'

const BATCH = 500

/**
 * The console list of a channel as CSV, streamed in batches: the list API's own parser, filters and
 * page query (without its count), the API's serialized rows with secrets masked, and each reference's
 * name beside its id. Bad filters throw the API's InvalidError before anything is streamed.
 */
export function csvExport(db: Db, resource: Resource, params: URLSearchParams, channelId: number | undefined): Response {
  const search = new URLSearchParams(params)
  search.delete('channel')
  search.delete('page')
  search.set('limit', String(BATCH))
  const query = parseListQuery(resource, search)
  const scope = channelScope(resource, channelId)
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
      const rows = await listRows(db, resource, { ...query, page }, scope)
      page += 1
      const views = rows.map((row) => {
        const view = serialize(resource, row)
        return resource.redact ? resource.redact(view) : view
      })
      const lines = (await resolveReferences(db, resource, views)).map((shown) => `${csvLine(columns.map((column) => shown[column]))}\r\n`)
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
