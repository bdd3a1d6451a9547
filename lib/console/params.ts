import { parseInteger } from '@/lib/resource/fields'
import { DEFAULT_LIMIT, MAX_LIMIT } from '@/lib/resource/list'

export type SearchParamsRecord = Record<string, string | string[] | undefined>

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Page and page size of a console table's URL, clamped the way the API clamps them. */
export function pageParams(params: SearchParamsRecord): { page: number; limit: number } {
  const page = Math.max(1, parseInteger(firstParam(params.page)) ?? 1)
  const limit = Math.min(Math.max(1, parseInteger(firstParam(params.limit)) ?? DEFAULT_LIMIT), MAX_LIMIT)
  return { page, limit }
}
