import { getDb } from '@/db'
import { currentChannel } from '@/lib/channels/queries'
import { csvExport } from '@/lib/console/export'
import { apiHandler } from '@/lib/http/handler'
import { NotFoundError } from '@/lib/http/errors'
import { findResource } from '@/lib/resource/registry'

// GET /export/<resource>?<list filters>: the console list of the current channel as CSV, streamed in batches.
export const GET = apiHandler(async (request, { params }) => {
  const resource = findResource(params.resource)
  if (!resource) throw new NotFoundError()
  const { channel } = await currentChannel()
  return csvExport(await getDb(), resource, new URL(request.url).searchParams, channel?.id)
})
