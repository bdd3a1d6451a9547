/**
 * `node --import tsx --import ./scripts/server-only-hook.ts scripts/server.ts`: lib/ modules mark
 * themselves `import 'server-only'`, which throws outside a React Server Components build unless the
 * `react-server` condition is set. That condition cannot be set for the whole process (Next's own
 * page rendering then gets the RSC build of react-dom and the server dies), so only this one
 * specifier is resolved as inside Next: to the package's empty module.
 */
import { register } from 'node:module'

const hook = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] })
  return nextResolve(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`)
