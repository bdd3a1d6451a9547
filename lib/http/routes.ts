/**
 * THE ROUTE TABLE: every machine-facing path, in its area (lib/http/area.ts says what an area is).
 * Both doors read it: the Next route files (`nextRoute(pattern)`, lib/http/next.ts) and the fast path
 * of `npm start` (lib/http/node.ts). Tests enumerate it (`routes`, `areas`) to generate bad-input
 * tables for every area. A new area adds one line to ROUTE_GROUPS.
 */
import type { Area, Match, Route } from './area'
import { apiV1Routes } from './areas/api-v1'
import { mediaRoutes } from './areas/media'
import { storefrontRoutes } from './areas/storefront'
import { checkoutRoutes } from '@/lib/checkout/routes'
import { ledgerRoutes } from '@/lib/ledger/routes'
import { omRoutes } from '@/lib/om/routes'

const ROUTE_GROUPS: Route[][] = [apiV1Routes, storefrontRoutes, checkoutRoutes, mediaRoutes, ledgerRoutes, omRoutes]

export const routes: Route[] = ROUTE_GROUPS.flat()

/** Each area once, in table order. */
export const areas: Area[] = [...new Set(routes.map((entry) => entry.area))]

interface CompiledPattern {
  pattern: string
  /** Literal segments as strings; `{name}` as {param}; a final `{name*}` as {rest}. */
  segments: (string | { param: string } | { rest: string })[]
  routes: Route[]
}

function compile(table: Route[]): CompiledPattern[] {
  const byPattern = new Map<string, CompiledPattern>()
  for (const entry of table) {
    const key = entry.pattern.replace(/\/$/, '')
    let compiled = byPattern.get(key)
    if (!compiled) {
      const segments = key.split('/').slice(1).map((segment) => {
        const param = /^\{(\w+)(\*?)\}$/.exec(segment)
        if (!param) return segment
        return param[2] ? { rest: param[1] } : { param: param[1] }
      })
      compiled = { pattern: entry.pattern, segments, routes: [] }
      byPattern.set(key, compiled)
    }
    if (compiled.routes.some((other) => other.method === entry.method)) throw new Error(`Route table: ${entry.method} ${entry.pattern} twice`)
    if (compiled.routes.length && compiled.routes[0].area !== entry.area) throw new Error(`Route table: ${entry.pattern} in two areas`)
    compiled.routes.push(entry)
  }
  // Literal segments before parameters, so `/banks/schema/` wins over `/banks/{id}/`.
  return [...byPattern.values()].sort((a, b) => specificity(b) - specificity(a))
}

function specificity(compiled: CompiledPattern): number {
  return compiled.segments.reduce<number>((score, segment, index) => score + (typeof segment === 'string' ? 2 ** (20 - index) : 0), 0)
}

const compiled = compile(routes)

/**
 * The candidates for a path of n segments, in the table's order: fixed-length patterns of exactly n
 * segments and rest patterns of at most n (so a lookup scans a handful of patterns, not the table).
 */
const bySegmentCount = new Map<number, CompiledPattern[]>()
function candidatesFor(count: number): CompiledPattern[] {
  let found = bySegmentCount.get(count)
  if (!found) {
    found = compiled.filter(({ segments }) => {
      const last = segments[segments.length - 1]
      return typeof last === 'object' && 'rest' in last ? count >= segments.length : count === segments.length
    })
    if (count <= 64) bySegmentCount.set(count, found)
  }
  return found
}

/** A path segment decoded; a malformed %-escape stays as sent (then it names nothing: 404, never a 500). */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The routes answering `pathname` (raw, still %-encoded) and its params, or null (not a table path). */
export function matchRoute(pathname: string): Match | null {
  // `/api/v1/banks` and `/api/v1/banks/` are the same path (no redirect that would drop a body).
  const parts = (pathname.endsWith('/') ? pathname.slice(0, -1) : pathname).split('/').slice(1)
  for (const candidate of candidatesFor(parts.length)) {
    const params = paramsOf(candidate, parts)
    if (params) return { routes: candidate.routes, params }
  }
  return null
}

/** The params `parts` give a pattern, or null when it does not match. (No labelled `continue`: Turbopack's minifier broke it.) */
function paramsOf({ segments }: CompiledPattern, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {}
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]
    const part = parts[index]
    if (typeof segment === 'string') {
      if (segment !== part) return null
    } else if ('param' in segment) {
      if (!part) return null
      params[segment.param] = decodeSegment(part)
    } else {
      const rest = parts.slice(index)
      if (rest.some((piece) => !piece)) return null
      params[segment.rest] = rest.map(decodeSegment).join('/')
    }
  }
  return params
}

/** The routes of one declared pattern (a Next route file names its pattern; a typo fails at load). */
export function routesOf(pattern: string): Route[] {
  const key = pattern.replace(/\/$/, '')
  const found = compiled.find((candidate) => candidate.pattern.replace(/\/$/, '') === key)
  if (!found) throw new Error(`No route ${pattern} in the route table (lib/http/routes.ts)`)
  return found.routes
}
