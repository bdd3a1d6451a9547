import { z } from 'zod'
import type { Resource } from '@/lib/resource/define'
import { DEFAULT_LIMIT, MAX_LIMIT } from '@/lib/resource/list'

/**
 * OpenAPI 3.1 for /api/v1, generated from the same resource descriptions (zod input schemas, field
 * metadata, filters, unique sets, error codes) that the handlers, forms and `/schema/` read.
 */
type Schema = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const jsonContent = (schema: Schema) => ({ 'application/json': { schema } })

export function modelName(resource: Resource): string {
  return resource.model
}

function outputSchema(resource: Resource): Schema {
  const properties: Record<string, Schema> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    properties[name] = { title: field.label, ...field.jsonSchema, ...(field.readOnly ? { readOnly: true } : {}) }
  }
  return { type: 'object', properties, required: Object.keys(resource.fields) }
}

function inputSchema(resource: Resource): Schema {
  const schema = z.toJSONSchema(resource.createSchema, { io: 'input', unrepresentable: 'any' }) as Schema
  delete schema.$schema
  return schema
}

export interface DocumentedError {
  status: number
  code?: string
  description: string
  example: unknown
}

/** Every error a resource's endpoints can answer, with an example body in the spec's shape. */
export function resourceErrors(resource: Resource): DocumentedError[] {
  const errors: DocumentedError[] = [
    { status: 400, description: 'A field failed validation.', example: { name: ['This field is required.'] } },
  ]
  for (const set of resource.uniqueSets)
    errors.push({
      status: 400,
      description: `Another record has the same ${set.join(', ')}.`,
      example: { non_field_errors: [`The fields ${set.join(', ')} must make a unique set.`] },
    })
  if (resource.channelChange)
    errors.push({
      status: 406,
      code: resource.channelChange.code,
      description: 'An update tried to move the record to another channel.',
      example: { non_field_errors: `Channel: … of ${resource.model}: … cannot change.`, error_code: resource.channelChange.code },
    })
  if (resource.sameChannel)
    errors.push({
      status: 406,
      code: resource.sameChannel.code,
      description: `A referenced record (${resource.sameChannel.fields.join(', ')}) belongs to another channel.`,
      example: { non_field_errors: '… incompatible.', error_code: resource.sameChannel.code },
    })
  for (const error of resource.serviceErrors ?? [])
    errors.push({ status: 406, code: error.code, description: error.description, example: { non_field_errors: '…', error_code: error.code } })
  errors.push(
    { status: 401, description: 'No or invalid credentials.', example: { detail: 'Authentication credentials were not provided.' } },
    { status: 403, description: 'A read-only (viewer) user tried to write.', example: { detail: 'You do not have permission to perform this action.' } },
    { status: 404, description: 'No record with this id.', example: { detail: 'Not found.' } },
    { status: 405, description: 'Method not allowed on this path.', example: { detail: 'Method "PUT" not allowed.' } },
  )
  return errors
}

function listParameters(resource: Resource): Schema[] {
  const parameters: Schema[] = [
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
    {
      name: 'ordering',
      in: 'query',
      description: `Comma-separated fields, "-" for descending. Any of: ${Object.keys(resource.columns).join(', ')}.`,
      schema: { type: 'string' },
    },
  ]
  for (const [name, filter] of Object.entries(resource.filters)) {
    for (const lookup of filter.lookups) {
      const type = filter.decimal ? { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } : filter.type === 'BooleanFilter' ? { type: 'boolean' } : filter.type === 'DateFilter' ? { type: 'string', format: 'date' } : filter.type === 'CharFilter' || filter.type === 'ChoiceFilter' ? { type: 'string', ...(filter.choices ? { enum: filter.choices } : {}) } : { type: 'integer' }
      parameters.push({
        name: lookup === 'exact' ? name : `${name}__${lookup}`,
        in: 'query',
        description: `${filter.type} on ${name}${lookup === 'exact' ? '' : ` (${lookup})`}`,
        schema: type,
      })
    }
  }
  return parameters
}

function errorResponses(resource: Resource, statuses: number[]): Record<string, Schema> {
  const responses: Record<string, Schema> = {}
  for (const status of statuses) {
    const examples = resourceErrors(resource).filter((error) => error.status === status)
    if (!examples.length) continue
    responses[String(status)] = {
      description: examples.map((error) => error.description).join(' '),
      content: {
        'application/json': {
          schema: ref(status === 406 ? 'ServiceError' : status === 400 ? 'ValidationError' : 'Detail'),
          examples: Object.fromEntries(examples.map((error, index) => [error.code ?? `example${index + 1}`, { value: error.example }])),
        },
      },
    }
  }
  return responses
}

export function openApiDocument(resources: Resource[], serverUrl = '/'): Schema {
  const paths: Record<string, Schema> = {}
  const schemas: Record<string, Schema> = {
    Detail: { type: 'object', properties: { detail: { type: 'string' } }, required: ['detail'] },
    ValidationError: {
      type: 'object',
      description: 'Field name → messages; `non_field_errors` for unique sets.',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
    ServiceError: {
      type: 'object',
      properties: { non_field_errors: { type: 'string' }, error_code: { type: 'string' } },
      required: ['non_field_errors', 'error_code'],
    },
  }
  for (const resource of resources) {
    const model = modelName(resource)
    schemas[model] = outputSchema(resource)
    schemas[`${model}Input`] = inputSchema(resource)
    schemas[`${model}Page`] = {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        next: { type: ['string', 'null'], format: 'uri' },
        previous: { type: ['string', 'null'], format: 'uri' },
        results: { type: 'array', items: ref(model) },
      },
      required: ['count', 'next', 'previous', 'results'],
    }
    const tag = resource.titlePlural
    const base = `/api/v1/${resource.name}/`
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
    paths[base] = {
      get: {
        tags: [tag],
        operationId: `list${model}`,
        summary: `List ${resource.titlePlural.toLowerCase()}`,
        parameters: listParameters(resource),
        responses: { '200': { description: 'A page of records.', content: jsonContent(ref(`${model}Page`)) }, ...errorResponses(resource, [400, 401, 404]) },
      },
      post: {
        tags: [tag],
        operationId: `create${model}`,
        summary: `Create a ${resource.title.toLowerCase()}`,
        requestBody: { required: true, content: jsonContent(ref(`${model}Input`)) },
        responses: { '201': { description: 'Created.', content: jsonContent(ref(model)) }, ...errorResponses(resource, [400, 401, 403, 406]) },
      },
    }
    paths[`${base}{id}/`] = {
      parameters: [idParam],
      get: { tags: [tag], operationId: `get${model}`, summary: `Get a ${resource.title.toLowerCase()}`, responses: { '200': { description: 'The record.', content: jsonContent(ref(model)) }, ...errorResponses(resource, [401, 404]) } },
      put: {
        tags: [tag],
        operationId: `replace${model}`,
        summary: `Update a ${resource.title.toLowerCase()} (all fields)`,
        requestBody: { required: true, content: jsonContent(ref(`${model}Input`)) },
        responses: { '200': { description: 'Updated.', content: jsonContent(ref(model)) }, ...errorResponses(resource, [400, 401, 403, 404, 406]) },
      },
      patch: {
        tags: [tag],
        operationId: `update${model}`,
        summary: `Update some fields of a ${resource.title.toLowerCase()}`,
        requestBody: { required: true, content: jsonContent({ ...ref(`${model}Input`), description: 'Any subset of the fields.' }) },
        responses: { '200': { description: 'Updated.', content: jsonContent(ref(model)) }, ...errorResponses(resource, [400, 401, 403, 404, 406]) },
      },
      delete: {
        tags: [tag],
        operationId: `delete${model}`,
        summary: resource.deleteMode === 'deactivate' ? `Deactivate a ${resource.title.toLowerCase()}` : `Delete a ${resource.title.toLowerCase()}`,
        responses: { '204': { description: resource.deleteMode === 'deactivate' ? 'Deactivated (is_active=false).' : 'Deleted.' }, ...errorResponses(resource, [401, 403, 404, 406]) },
      },
    }
    paths[`${base}schema/`] = {
      get: { tags: [tag], operationId: `schema${model}`, summary: 'Field and filter metadata (DRF style)', responses: { '200': { description: 'Metadata.' } } },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Payment Management API',
      version: '1.0.0',
      description: 'Payment settings of a sales channel: POS integrations, banks, card types, cards, BIN numbers, installments, bank accounts and payment options.',
    },
    servers: [{ url: serverUrl }],
    security: [{ TokenAuth: [] }, { SessionCookie: [] }],
    tags: resources.map((resource) => ({ name: resource.titlePlural, description: resource.description })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        TokenAuth: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Send `Authorization: Token <key>`; keys are made on the console\'s API Tokens page.' },
        SessionCookie: { type: 'apiKey', in: 'cookie', name: 'pm_session', description: 'The console session.' },
      },
    },
  }
}
