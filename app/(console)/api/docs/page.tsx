import type { Metadata } from 'next'
import { requirePageUser } from '@/lib/auth/current'
import { resourceErrors } from '@/lib/openapi/document'
import { fieldMetadata } from '@/lib/resource/metadata'
import { resources } from '@/lib/resource/registry'

export const metadata: Metadata = { title: 'API Reference' }

const METHODS = [
  ['GET', '/', 'List, with filters, ordering and pagination'],
  ['POST', '/', 'Create (201)'],
  ['GET', '/{id}/', 'Detail'],
  ['PUT', '/{id}/', 'Update all fields'],
  ['PATCH', '/{id}/', 'Update some fields'],
  ['DELETE', '/{id}/', 'Delete (204)'],
  ['GET', '/schema/', 'Field and filter metadata'],
] as const

export default async function ApiDocsPage() {
  await requirePageUser()
  const list = Object.values(resources)
  return (
    <>
      <div className="page-header">
        <div>
          <h1>API Reference</h1>
          <p>
            REST API under <code>/api/v1</code>. Authenticate with <code>Authorization: Token &lt;key&gt;</code> (keys on the{' '}
            <a href="/api-tokens">API Tokens</a> page). Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.
          </p>
        </div>
      </div>
      <div className="panel">
        <div className="panel-body stack">
          <h2>Conventions</h2>
          <dl className="kv">
            <dt>Pagination</dt>
            <dd>
              <code>?page=N&amp;limit=M</code> (default 20, at most 500); answers <code>{'{count, next, previous, results}'}</code>.
            </dd>
            <dt>Filters</dt>
            <dd>
              Django-style lookups, e.g. <code>?id__gte=5</code>, <code>?modified_date__date=2023-01-13</code>. A value of the wrong type answers 400 naming the filter.
            </dd>
            <dt>Ordering</dt>
            <dd>
              <code>?ordering=name,-modified_date</code> on any field.
            </dd>
            <dt>Formats</dt>
            <dd>Timestamps ISO-8601 UTC with microseconds; decimals as strings with six places; primary key <code>pk</code>.</dd>
            <dt>Errors</dt>
            <dd>
              400 <code>{'{"field": ["message"]}'}</code> or <code>{'{"non_field_errors": [...]}'}</code>; 406{' '}
              <code>{'{"non_field_errors": "…", "error_code": "…"}'}</code>; 401, 403, 404 and 405 <code>{'{"detail": "…"}'}</code>.
            </dd>
          </dl>
          <nav aria-label="Resources" className="row">
            {list.map((resource) => (
              <a key={resource.name} className="badge badge-accent" href={`#${resource.name}`}>
                {resource.titlePlural}
              </a>
            ))}
          </nav>
        </div>
      </div>
      {list.map((resource) => (
        <section key={resource.name} id={resource.name} className="panel" aria-labelledby={`${resource.name}-title`}>
          <div className="panel-header">
            <h2 id={`${resource.name}-title`}>
              {resource.titlePlural} <code className="faint">/api/v1/{resource.name}/</code>
            </h2>
          </div>
          <div className="panel-body stack">
            <p className="muted" style={{ margin: 0 }}>
              {resource.description}
              {resource.deleteMode === 'deactivate' ? ' DELETE deactivates the record (is_active=false) and answers 204.' : ''}
            </p>
            <table className="data">
              <thead>
                <tr>
                  <th>Method</th>
                  <th>Path</th>
                  <th>What it does</th>
                </tr>
              </thead>
              <tbody>
                {METHODS.map(([method, path, text]) => (
                  <tr key={method + path}>
                    <td>
                      <span className="badge">{method}</span>
                    </td>
                    <td>
                      <code>
                        /api/v1/{resource.name}
                        {path}
                      </code>
                    </td>
                    <td>{resource.deleteMode === 'deactivate' && method === 'DELETE' ? 'Deactivate (204)' : text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Fields</h3>
            <table className="data">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Type</th>
                  <th>Required</th>
                  <th>Notes</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(resource.fields).map(([name, field]) => {
                  const meta = fieldMetadata(field)
                  return (
                    <tr key={name}>
                      <td>
                        <code>{name}</code>
                      </td>
                      <td>{String(meta.type)}</td>
                      <td>{field.readOnly ? 'read-only' : field.required ? 'yes' : 'no'}</td>
                      <td className="muted">
                        {[
                          field.label,
                          field.maxLength ? `max ${field.maxLength} characters` : '',
                          field.nullable ? 'nullable' : '',
                          field.choices ? `one of: ${field.choices.map((choice) => choice.value).join(', ')}` : '',
                          field.references ? `pk of ${field.references.resource}` : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            <h3>Filters</h3>
            <p className="muted" style={{ margin: 0 }}>
              {Object.entries(resource.filters)
                .map(([name, filter]) => `${name} (${filter.lookups.join(', ')})`)
                .join(' · ')}
            </p>
            <h3>Errors</h3>
            <table className="data">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Code</th>
                  <th>When</th>
                  <th>Example</th>
                </tr>
              </thead>
              <tbody>
                {resourceErrors(resource).map((error, index) => (
                  <tr key={index}>
                    <td>{error.status}</td>
                    <td>{error.code ? <code>{error.code}</code> : '—'}</td>
                    <td>{error.description}</td>
                    <td>
                      <code>{JSON.stringify(error.example)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  )
}
